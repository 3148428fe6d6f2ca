/** The team view's way in, in the top bar: only for a manager signed in to the company's server. */
import { useTranslation } from 'react-i18next';
import { routeHref, useRoute } from '../../store/router';
import { useTeamOnDevice } from '../sync';

export function TeamLink() {
  const { t } = useTranslation();
  const route = useRoute();
  const people = useTeamOnDevice();
  if (people?.account?.role !== 'manager') return null;
  return (
    <a
      className="team-nav-link"
      href={routeHref({ page: 'team' })}
      aria-current={route.page === 'team' ? 'page' : undefined}
    >
      {t('team.nav')}
    </a>
  );
}

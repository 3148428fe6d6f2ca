/** On a referred prospect's card: who referred it, as a link to that client (a dt/dd pair). */
import { useTranslation } from 'react-i18next';
import { isLive } from '../../../shared/domain';
import { routeHref } from '../../store/router';
import { useClient } from './data/useVisitReads';

export function ReferredBy({ referrerId }: { referrerId: string }) {
  const { t } = useTranslation();
  const referrer = useClient(referrerId);
  return (
    <div className="referred-by">
      <dt>{t('visits.referrals.referredBy')}</dt>
      <dd>
        {referrer && isLive(referrer) ? (
          <a href={routeHref({ page: 'clients', clientId: referrer.id })}>{referrer.name}</a>
        ) : referrer === undefined ? (
          '…'
        ) : (
          t('visits.referrals.referrerGone')
        )}
      </dd>
    </div>
  );
}

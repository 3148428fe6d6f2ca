/** A person named by user id, as the rep reads it: a name, "me", or "a colleague" — never the id. */
import { useTranslation } from 'react-i18next';
import { useTeamOnDevice } from './data/useTeam';

export function OwnerName({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const team = useTeamOnDevice();
  if (userId === 'local' || (team?.account && team.account.userId === userId))
    return <>{t('sync.people.me')}</>;
  const name = team?.nameOf(userId);
  return <>{name ?? t('sync.people.unknown')}</>;
}

/**
 * The number beside "Agenda" in the navigation (due today + overdue). Mounted once for the app's
 * life, it also keeps the follow-ups generated and sends the daily due-today notification.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData } from '../../app/DataContext';
import { dueCount } from './data/followUps';
import { localDay } from '../../data/localTime';
import { startFollowUpKeeper } from './data/followUpKeeper';
import { notifyDueToday } from './data/dueTodayNotice';
import './agenda.css';

export function AgendaNavCount() {
  const { t } = useTranslation();
  const { db, repo } = useData();
  const [today, setToday] = useState(localDay);

  useEffect(
    () =>
      startFollowUpKeeper(db, repo, {
        onRegenerated: (day) => {
          setToday(day);
          void notifyDueToday(db, day, t).catch(() => undefined);
        },
        onError: (error) => console.error('Follow-up generation failed', error),
      }),
    [db, repo, t],
  );

  const count = useLiveQuery(() => dueCount(db, today), [db, today]);
  if (!count) return null;
  return (
    <>
      {' '}
      <span className="nav-count" title={t('agenda.nav.count', { count })}>
        <span aria-hidden="true">{count}</span>
        <span className="sr-only">{t('agenda.nav.count', { count })}</span>
      </span>
    </>
  );
}

/**
 * The number beside "Agenda" in the navigation (due today + overdue). Mounted once for the app's
 * life, it also keeps the follow-ups generated and sends the daily due-today notification.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../data/localTime';
import { useDueCount, useFollowUpKeeper } from './data/useAgenda';
import './agenda.css';

export function AgendaNavCount() {
  const { t } = useTranslation();
  const [today, setToday] = useState(localDay);
  useFollowUpKeeper(t, setToday);
  const count = useDueCount(today);
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

/** The agenda: overdue, today and the next 7 days, grouped by kind, each item with its actions. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/domain/followups/days';
import { useData } from '../../app/DataContext';
import { agendaFollowUps } from '../../data/followUps';
import { localDay } from '../../data/localTime';
import { AgendaItem } from './AgendaItem';
import {
  AGENDA_DAYS_AHEAD,
  SECTION_KEYS,
  countEntries,
  groupAgenda,
  type AgendaSections,
} from './agendaGroups';
import './agenda.css';

export function AgendaPage({ today = localDay() }: { today?: string }) {
  const { t, i18n } = useTranslation();
  const { db } = useData();
  const sections = useLiveQuery(async (): Promise<AgendaSections> => {
    const followUps = await agendaFollowUps(db, addDays(today, AGENDA_DAYS_AHEAD));
    const clients = await db.clients.bulkGet([...new Set(followUps.map((f) => f.clientId))]);
    const names = new Map(clients.filter((c) => c).map((c) => [c!.id, c!.name]));
    return groupAgenda(followUps, names, today, new Intl.Collator(i18n.language));
  }, [db, today, i18n.language]);

  const counts = sections && {
    overdue: countEntries(sections.overdue),
    today: countEntries(sections.today),
    week: countEntries(sections.week),
  };
  const total = counts ? counts.overdue + counts.today + counts.week : 0;

  return (
    <div className="page agenda-page">
      <div className="agenda-head">
        <h1>{t('agenda.title')}</h1>
        {counts && <p className="muted">{t('agenda.summary', counts)}</p>}
      </div>
      {sections && total === 0 && <p className="muted empty">{t('agenda.empty')}</p>}
      {sections &&
        total > 0 &&
        SECTION_KEYS.map((key) => (
          <section
            key={key}
            className={`agenda-section agenda-${key}`}
            aria-labelledby={`agenda-${key}`}
          >
            <h2 id={`agenda-${key}`}>
              {t(`agenda.section.${key}`)} <span className="section-count">{counts![key]}</span>
            </h2>
            {sections[key].length === 0 && <p className="muted">{t('agenda.emptySection')}</p>}
            {sections[key].map((group) => (
              <div key={group.kind} className="agenda-group">
                <h3>{t(`agenda.kind.${group.kind}`)}</h3>
                <ul>
                  {group.entries.map((entry) => (
                    <AgendaItem key={entry.followUp.id} entry={entry} today={today} />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
    </div>
  );
}

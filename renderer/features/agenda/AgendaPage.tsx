/** The agenda: overdue, today and the next 7 days, grouped by kind, each item with its actions. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgenda, useAgendaGroup, useToday } from './data/useAgenda';
import { AgendaItem } from './AgendaItem';
import {
  AGENDA_PAGE,
  SECTION_KEYS,
  countEntries,
  type AgendaGroup,
  type SectionKey,
} from './agendaGroups';
import { useProgramRole } from '../program';
import './agenda.css';

export function AgendaPage(props: { today?: string }) {
  const { t, i18n } = useTranslation();
  const keeperToday = useToday();
  const today = props.today ?? keeperToday;
  const sections = useAgenda(today, i18n.language);
  // A manager's device holds the team's follow-ups; the agenda lists the manager's own.
  const role = useProgramRole();

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
      {role === 'manager' && <p className="muted agenda-hint">{t('agenda.managerHint')}</p>}
      {!sections && <p className="muted">{t('agenda.loading')}</p>}
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
              <Group key={group.kind} section={key} group={group} today={today} />
            ))}
          </section>
        ))}
    </div>
  );
}

function Group({
  section,
  group,
  today,
}: {
  section: SectionKey;
  group: AgendaGroup;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState(AGENDA_PAGE);
  // The first page comes with the screen; a longer one is read for this group alone, and stays live.
  const longer = useAgendaGroup(
    section,
    group.kind,
    today,
    limit > AGENDA_PAGE ? limit : null,
    i18n.language,
  );
  const shown = longer ?? group.entries;
  const hidden = group.count - shown.length;
  return (
    <div className="agenda-group" aria-labelledby={`agenda-${section}-${group.kind}`} role="group">
      <h3 id={`agenda-${section}-${group.kind}`}>
        {t(`agenda.kind.${group.kind}`)}{' '}
        <span className="muted" aria-hidden="true">
          {group.count}
        </span>
      </h3>
      <ul>
        {shown.map((entry) => (
          <AgendaItem key={entry.followUp.id} entry={entry} today={today} />
        ))}
      </ul>
      {hidden > 0 && (
        <button
          type="button"
          className="link-button show-more"
          onClick={() => setLimit(shown.length + AGENDA_PAGE)}
        >
          {t('agenda.showMore', { count: Math.min(hidden, AGENDA_PAGE), total: group.count })}
        </button>
      )}
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../store/router';
import { useRepository } from '../../data/DataContext';
import type { FullClientRecords } from './data/clientSummary';
import { timelineOf, type TimelineEntry } from './timelineEntries';
import { formatDate } from '../../i18n/dates';
import { localDay } from '../../data/localTime';
import { followUpTitle } from '../agenda';
import { repFacingReason } from '../../ui/storageError';

function When({ entry }: { entry: TimelineEntry }) {
  const { i18n } = useTranslation();
  const text = formatDate(
    entry.at,
    entry.at.length === 10 ? 'withMonth' : 'withTime',
    i18n.language,
  );
  return <time dateTime={entry.at}>{text}</time>;
}

function NoteComposer({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const repo = useRepository();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    try {
      await repo.create('notes', { clientId, visitId: null, text: text.trim(), deletedAt: null });
      setText('');
      setError(null);
    } catch (e) {
      setError(t('clients.errors.saveFailed', { reason: repFacingReason(e, t) }));
    }
  };
  return (
    <form className="note-composer" onSubmit={onSubmit}>
      <label htmlFor={id}>{t('clients.timeline.newNote')}</label>
      <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      {error && <p className="error">{error}</p>}
      <button type="submit" disabled={text.trim() === ''}>
        {t('clients.timeline.addNote')}
      </button>
    </form>
  );
}

function Entry({ entry, label }: { entry: TimelineEntry; label: string }) {
  const { t } = useTranslation();
  return (
    <li className={`timeline-entry timeline-${entry.kind}`}>
      <div className="timeline-head">
        <When entry={entry} />
        <span className="timeline-kind">{label}</span>
        {entry.visitId && (
          <a href={routeHref({ page: 'visits', visitId: entry.visitId })}>
            {t('clients.timeline.openVisit')}
          </a>
        )}
      </div>
      {entry.text && <p className="timeline-text">{entry.text}</p>}
    </li>
  );
}

/**
 * The client's history: what happened, newest first (contacts, visits, notes, problems, follow-ups
 * done, each named by its kind); the tasks ahead in their own short list above it, soonest first.
 */
export function Timeline({
  records,
  readOnly = false,
}: {
  records: FullClientRecords;
  /** A rep's client on a manager's device: no new note (a note counts as a contact). */
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { history, upcoming } = timelineOf(records);
  const today = localDay();
  const people = records.people.filter((p) => p.deletedAt === null);
  const labelOf = (e: TimelineEntry): string => {
    const params = Object.fromEntries(
      Object.entries(e.labelParams ?? {}).map(([k, key]) => [k, t(key)]),
    );
    if (!e.followUp) return t(e.labelKey, params);
    const what = followUpTitle(e.followUp, t, i18n.language, people, records.client.name);
    return e.labelKey ? `${what} · ${t(e.labelKey, params)}` : what;
  };
  return (
    <section className="card-section" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('clients.timeline.title')}</h3>
      {upcoming.length > 0 && (
        <section className="timeline-upcoming" aria-labelledby="timeline-upcoming-heading">
          <h4 id="timeline-upcoming-heading">{t('clients.timeline.upcoming')}</h4>
          <ol className="timeline">
            {upcoming.map((e) => (
              <Entry
                key={`${e.kind}-${e.id}`}
                entry={e}
                label={labelOf(e) + (e.at < today ? ` · ${t('clients.timeline.overdue')}` : '')}
              />
            ))}
          </ol>
        </section>
      )}
      {!readOnly && <NoteComposer clientId={records.client.id} />}
      {history.length === 0 ? (
        <p className="muted">{t('clients.timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-labelledby="timeline-heading">
          {history.map((e) => (
            <Entry key={`${e.kind}-${e.id}`} entry={e} label={labelOf(e)} />
          ))}
        </ol>
      )}
    </section>
  );
}

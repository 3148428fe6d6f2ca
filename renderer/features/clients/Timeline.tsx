import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../store/router';
import { useRepository } from '../../data/DataContext';
import type { FullClientRecords } from './data/clientSummary';
import { timelineOf, type TimelineEntry } from './timelineEntries';
import { formatDate } from '../../i18n/dates';

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
      setError(t('clients.errors.saveFailed', { reason: (e as Error).message }));
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

/** Every contact, visit, note, problem and follow-up of the client, newest first. */
export function Timeline({ records }: { records: FullClientRecords }) {
  const { t } = useTranslation();
  const entries = timelineOf(records);
  return (
    <section className="card-section" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{t('clients.timeline.title')}</h3>
      <NoteComposer clientId={records.client.id} />
      {entries.length === 0 ? (
        <p className="muted">{t('clients.timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={`${e.kind}-${e.id}`} className={`timeline-entry timeline-${e.kind}`}>
              <div className="timeline-head">
                <When entry={e} />
                <span className="timeline-kind">
                  {t(
                    e.labelKey,
                    Object.fromEntries(
                      Object.entries(e.labelParams ?? {}).map(([k, key]) => [k, t(key)]),
                    ),
                  )}
                </span>
                {e.visitId && (
                  <a href={routeHref({ page: 'visits', visitId: e.visitId })}>
                    {t('clients.timeline.openVisit')}
                  </a>
                )}
              </div>
              {e.text && <p className="timeline-text">{e.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

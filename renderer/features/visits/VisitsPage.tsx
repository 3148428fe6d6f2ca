import { useTranslation } from 'react-i18next';
import type { VisitRow } from './data/visits';
import { useVisitList } from './data/useVisitReads';
import { NewVisitForm } from './NewVisitForm';
import { VisitMode } from './VisitMode';
import { useFormatDate } from '../../i18n/dates';
import './visits.css';
import './visitList.css';

/** The Visits section: with a visit id, visit mode; without, unfinished visits and a new one. */
export function VisitsPage({ visitId }: { visitId?: string }) {
  if (visitId) return <VisitMode key={visitId} visitId={visitId} />;
  return <VisitList />;
}

function VisitList() {
  const { t } = useTranslation();
  const rows = useVisitList();
  const unfinished = rows?.filter((r) => r.visit.status === 'draft') ?? [];
  const finished = rows?.filter((r) => r.visit.status === 'finished') ?? [];
  return (
    <div className="page visits-page">
      <h1>{t('visits.title')}</h1>
      <div className="visits-columns">
        <NewVisitForm />
        <div>
          <section aria-labelledby="unfinished-title">
            <h2 id="unfinished-title">{t('visits.list.unfinished')}</h2>
            {rows && unfinished.length === 0 && (
              <p className="muted">{t('visits.list.noUnfinished')}</p>
            )}
            <VisitRows rows={unfinished} action={t('visits.list.resume')} />
          </section>
          <section aria-labelledby="finished-title">
            <h2 id="finished-title">{t('visits.list.finished')}</h2>
            {rows && finished.length === 0 && (
              <p className="muted">{t('visits.list.noFinished')}</p>
            )}
            <VisitRows rows={finished} action={t('visits.list.open')} />
          </section>
        </div>
      </div>
    </div>
  );
}

function VisitRows({ rows, action }: { rows: VisitRow[]; action: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (rows.length === 0) return null;
  return (
    <ul className="visit-rows">
      {rows.map(({ visit, clientName }) => (
        <li key={visit.id}>
          <a
            href={`#/visits/${visit.id}`}
            aria-label={`${action}: ${clientName}, ${t(`visits.kind.${visit.kind}`)}`}
          >
            <strong>{clientName}</strong>
            <span className="muted">
              {t(`visits.kind.${visit.kind}`)} ·{' '}
              {t('visits.list.startedOn', { date: formatDate(visit.startedAt, 'withTime') })}
              {visit.outcome && ` · ${t(`visits.outcome.${visit.outcome.result}`)}`}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

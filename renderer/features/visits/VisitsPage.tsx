import { useTranslation } from 'react-i18next';
import type { VisitRow } from './data/visits';
import { useVisitList } from './data/useVisitReads';
import { NewVisitForm } from './NewVisitForm';
import { VisitMode } from './VisitMode';
import { useFormatDate } from '../../i18n/dates';
import { useClientAccessRule } from '../clients';
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
  // On a manager's device the reps' unfinished visits are theirs to finish: not offered here.
  const access = useClientAccessRule();
  const unfinished =
    access && rows?.filter((r) => r.visit.status === 'draft' && access(r.visit).kind === 'edit');
  const finished = rows?.filter((r) => r.visit.status === 'finished');
  return (
    <div className="page visits-page">
      <h1>{t('visits.title')}</h1>
      <div className="visits-columns">
        <NewVisitForm />
        <div>
          <VisitSection list="unfinished" rows={unfinished} />
          <VisitSection list="finished" rows={finished} />
        </div>
      </div>
    </div>
  );
}

const LIST_TEXTS = {
  unfinished: { none: 'visits.list.noUnfinished', action: 'visits.list.resume' },
  finished: { none: 'visits.list.noFinished', action: 'visits.list.open' },
} as const;

/** One list of visits under its heading; that it is empty is said once it has loaded. */
function VisitSection({ list, rows }: { list: keyof typeof LIST_TEXTS; rows?: VisitRow[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${list}-title`}>
      <h2 id={`${list}-title`}>{t(`visits.list.${list}`)}</h2>
      {rows?.length === 0 && <p className="muted">{t(LIST_TEXTS[list].none)}</p>}
      <VisitRows rows={rows ?? []} action={t(LIST_TEXTS[list].action)} />
    </section>
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

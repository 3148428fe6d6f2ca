/**
 * The manager's team view: for a chosen month, each rep's post-sale follow-through side by side,
 * every figure from the rep's own report (shared/domain/report.ts teamReport), with the team's
 * row from the same computation over the whole book. A rep's name opens that rep's report; a
 * client opens the card. Shown only to a manager signed in to the company's server.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_KINDS } from '../../../shared/domain';
import type { MonthlyReport } from '../../../shared/domain/report';
import { localDay } from '../../data/localTime';
import { formatDate } from '../../i18n/dates';
import { routeHref } from '../../store/router';
import { MonthControls, ReportView } from '../reports';
import { useTeamOnDevice } from '../sync';
import { useTeamReport } from './data/useTeamReport';
import { TeamHeading } from './TeamHeading';
import { TeamProgramVersions } from './TeamProgramVersions';
import { TeamTrend } from './TeamTrend';
import './team.css';

/** The main table's columns after the rep, by group; the group's heading spans its columns. */
const COLUMN_GROUPS = [
  { group: null, columns: ['lastSync'] },
  { group: 'actions', columns: ['due', 'done', 'onTime', 'overdue'] },
  { group: 'visits', columns: ['visits', 'outcomes'] },
  { group: 'ratings', columns: ['satisfaction', 'recommend'] },
  { group: 'clients', columns: ['below', 'problems', 'atRisk', 'referrals'] },
] as const;

const fmt = (n: number | null, lang: string) =>
  n === null ? '—' : n.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-GB');

function Row(props: {
  head: React.ReactNode;
  report: MonthlyReport;
  lastSync: string | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const r = props.report;
  const lang = i18n.language;
  const now = r.satisfaction.at(-1);
  return (
    <tr>
      <th scope="row">{props.head}</th>
      <td>
        {props.lastSync === undefined
          ? ''
          : props.lastSync === null
            ? t('team.never')
            : formatDate(props.lastSync.slice(0, 10), 'withMonth', lang)}
      </td>
      <td>{fmt(r.actions.due, lang)}</td>
      <td>{fmt(r.actions.done, lang)}</td>
      <td>{fmt(r.actions.doneOnTime, lang)}</td>
      <td className={r.actions.overdue > 0 ? 'overdue' : ''}>{fmt(r.actions.overdue, lang)}</td>
      <td>
        {fmt(r.visits.byKind.closing, lang)} / {fmt(r.visits.byKind.post_sale, lang)}
      </td>
      <td>
        {fmt(r.visits.byOutcome.won, lang)} / {fmt(r.visits.byOutcome.lost, lang)}
      </td>
      <td>{fmt(now?.satisfactionAvg ?? null, lang)}</td>
      <td>{fmt(now?.recommendAvg ?? null, lang)}</td>
      <td>{fmt(r.promises.below, lang)}</td>
      <td>{fmt(r.problems.overdueNow, lang)}</td>
      <td>{fmt(r.atRisk.length, lang)}</td>
      <td>{fmt(r.referrals.obtained, lang)}</td>
    </tr>
  );
}

export function TeamPage({ repId, today = localDay() }: { repId?: string; today?: string }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(today.slice(0, 7));
  const people = useTeamOnDevice();
  const data = useTeamReport(month, today);
  const monthName = formatDate(month, 'monthAndYear', i18n.language);
  if (people === undefined) return null;
  if (people.account?.role !== 'manager') {
    return (
      <div className="page team-page">
        <p className="muted">{t('team.onlyManagers')}</p>
      </div>
    );
  }
  const nameOf = (id: string) => people.nameOf(id) ?? t('team.unknownRep');
  const lastSyncOf = (id: string) =>
    people.team?.members.find((m) => m.id === id)?.lastSyncAt ?? null;
  const clientLink = (id: string) => routeHref({ page: 'clients', clientId: id });

  if (repId) {
    const rep = data?.report.reps.find((r) => r.ownerId === repId);
    return (
      <div className="page report-page team-page">
        <div className="report-head">
          <h1>{t('team.repHeading', { name: nameOf(repId), month: monthName })}</h1>
          <a className="no-print" href={routeHref({ page: 'team' })}>
            {t('team.back')}
          </a>
          <MonthControls month={month} onMonth={setMonth} />
        </div>
        {!data ? (
          <p className="muted">{t('team.loading')}</p>
        ) : rep ? (
          <ReportView report={rep.report} />
        ) : (
          <p className="muted">{t('team.none')}</p>
        )}
      </div>
    );
  }

  const reps = data?.report.reps ?? [];
  return (
    <div className="page report-page team-page">
      <div className="report-head">
        <h1>{t('team.heading', { month: monthName })}</h1>
        <MonthControls month={month} onMonth={setMonth} />
      </div>
      {!data ? (
        <p className="muted">{t('team.loading')}</p>
      ) : (
        <>
          <div className="team-table-wrap">
            <table className="team-table">
              <caption>{t('team.table.caption')}</caption>
              {COLUMN_GROUPS.map((g) => (
                <colgroup key={g.group ?? 'rep'} span={g.group ? g.columns.length : 2} />
              ))}
              <thead>
                <tr>
                  <TeamHeading
                    rowSpan={2}
                    full={t('team.table.rep')}
                    short={t('team.table.short.rep')}
                  />
                  {COLUMN_GROUPS.map((g) =>
                    g.group === null ? (
                      g.columns.map((k) => (
                        <TeamHeading
                          key={k}
                          rowSpan={2}
                          full={t(`team.table.${k}`)}
                          short={t(`team.table.short.${k}`)}
                        />
                      ))
                    ) : (
                      <th key={g.group} scope="colgroup" colSpan={g.columns.length}>
                        {t(`team.table.group.${g.group}`)}
                      </th>
                    ),
                  )}
                </tr>
                <tr>
                  {COLUMN_GROUPS.filter((g) => g.group !== null).flatMap((g) =>
                    g.columns.map((k) => (
                      <TeamHeading
                        key={k}
                        full={t(`team.table.${k}`)}
                        short={t(`team.table.short.${k}`)}
                      />
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {reps.map((rep) => (
                  <Row
                    key={rep.ownerId}
                    report={rep.report}
                    lastSync={lastSyncOf(rep.ownerId)}
                    head={
                      <a href={routeHref({ page: 'team', repId: rep.ownerId })}>
                        {nameOf(rep.ownerId)}
                      </a>
                    }
                  />
                ))}
              </tbody>
              <tfoot>
                <Row report={data.report.total} lastSync={undefined} head={t('team.total')} />
              </tfoot>
            </table>
          </div>

          <TeamTrend
            rows={reps.map((rep) => ({
              id: rep.ownerId,
              head: nameOf(rep.ownerId),
              points: rep.report.satisfaction,
            }))}
            total={data.report.total.satisfaction}
            fmt={(n) => fmt(n, i18n.language)}
          />

          <section aria-labelledby="team-kinds" className="report-card wide">
            <h2 id="team-kinds">{t('team.kinds.title')}</h2>
            <table className="team-table team-kinds">
              <thead>
                <tr>
                  <th scope="col">{t('team.table.rep')}</th>
                  <th scope="col">{t('team.kinds.kind')}</th>
                  <th scope="col">{t('team.table.due')}</th>
                  <th scope="col">{t('team.table.done')}</th>
                  <th scope="col">{t('team.table.onTime')}</th>
                  <th scope="col">{t('team.table.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {reps.flatMap((rep) =>
                  FOLLOW_UP_KINDS.filter((k) => rep.report.actions.byKind[k]).map((k) => {
                    const tally = rep.report.actions.byKind[k]!;
                    return (
                      <tr key={`${rep.ownerId}-${k}`}>
                        <th scope="row">{nameOf(rep.ownerId)}</th>
                        <td>{t(`agenda.kind.${k}`)}</td>
                        <td>{tally.due}</td>
                        <td>{tally.done}</td>
                        <td>{tally.doneOnTime}</td>
                        <td>{tally.overdue}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </section>

          <div className="report-grid">
            <section aria-labelledby="team-problems" className="report-card">
              <h2 id="team-problems">{t('team.problems.title')}</h2>
              {reps.every((r) => r.report.overdueProblems.length === 0) ? (
                <p className="muted">{t('team.problems.none')}</p>
              ) : (
                <ul className="report-list">
                  {reps.flatMap((rep) =>
                    rep.report.overdueProblems.map((p) => (
                      <li key={p.problemId}>
                        <a href={clientLink(p.clientId)}>
                          {data.clientNames.get(p.clientId) ?? '—'}
                        </a>
                        <span className="muted">
                          {' — '}
                          {nameOf(rep.ownerId)},{' '}
                          {t('team.problems.due', {
                            date: formatDate(p.due, 'withMonth', i18n.language),
                          })}
                          ,{' '}
                          {p.owner.trim()
                            ? t('team.problems.owner', { owner: p.owner })
                            : t('team.problems.noOwner')}
                        </span>
                      </li>
                    )),
                  )}
                </ul>
              )}
            </section>
            <section aria-labelledby="team-at-risk" className="report-card">
              <h2 id="team-at-risk">{t('team.atRisk.title')}</h2>
              {reps.every((r) => r.report.atRisk.length === 0) ? (
                <p className="muted">{t('team.atRisk.none')}</p>
              ) : (
                <ul className="report-list">
                  {reps.flatMap((rep) =>
                    rep.report.atRisk.map((c) => (
                      <li key={c.clientId}>
                        <a href={clientLink(c.clientId)}>{c.name}</a>
                        <span className="muted">
                          {' — '}
                          {nameOf(rep.ownerId)}:{' '}
                          {c.reasons.map((r) => t(`reports.atRisk.reason.${r}`)).join(', ')}
                        </span>
                      </li>
                    )),
                  )}
                </ul>
              )}
            </section>
            <section aria-labelledby="team-churn" className="report-card">
              <h2 id="team-churn">{t('team.churn.title')}</h2>
              {Object.keys(data.report.total.churn).length === 0 ? (
                <p className="muted">{t('team.churn.none')}</p>
              ) : (
                <table className="figures">
                  <tbody>
                    {Object.entries(data.report.total.churn).map(([reason, n]) => (
                      <tr key={reason}>
                        <th scope="row">
                          {reason === 'none'
                            ? t('team.churn.noReason')
                            : t(`clients.churn.${reason}`)}
                        </th>
                        <td>{n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <TeamProgramVersions
              reps={reps.map((rep) => ({
                id: rep.ownerId,
                name: nameOf(rep.ownerId),
                versions: rep.report.programVersions,
              }))}
            />
          </div>
        </>
      )}
    </div>
  );
}

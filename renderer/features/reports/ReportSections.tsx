/** The report's blocks: each a titled region with its chart and the numbers beside it. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_TYPES, FOLLOW_UP_KINDS } from '../../../shared/domain';
import type { MonthlyReport } from '../../../shared/domain/report';
import { PairBars, StackedBar, TrendChart, ValueBars } from './Charts';
import { useFormatNumber } from './numbers';

function Section(props: { id: string; title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={`report-card${props.wide ? ' wide' : ''}`} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Figures({ rows }: { rows: [string, string | number][] }) {
  const show = useFormatNumber();
  return (
    <table className="figures">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{typeof value === 'number' ? show(value) : value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ActionsSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const show = useFormatNumber();
  const a = report.actions;
  const rows = FOLLOW_UP_KINDS.filter((k) => a.byKind[k]).map((k) => ({
    label: t(`agenda.kind.${k}`),
    total: a.byKind[k]!.due,
    part: a.byKind[k]!.done,
  }));
  return (
    <Section id="report-actions" title={t('reports.actions.title')} wide>
      <p className="big-figure">
        {t('reports.actions.summary', { done: show(a.done), due: show(a.due) })}
        {a.rate !== null && (
          <span> · {t('reports.actions.rate', { rate: show(Math.round(a.rate * 100)) })}</span>
        )}
      </p>
      {a.due === 0 ? (
        <p className="muted">{t('reports.actions.noRate')}</p>
      ) : (
        <>
          <p className="muted" data-testid="actions-parts">
            {[
              t('reports.actions.onTime', { count: a.doneOnTime }),
              t('reports.actions.late', { count: a.doneLate }),
              t('reports.actions.overdue', { count: a.overdue }),
              t('reports.actions.upcoming', { count: a.upcoming }),
              t('reports.actions.dismissed', { count: a.dismissed }),
            ].join(' · ')}
          </p>
          <PairBars rows={rows} label={t('reports.actions.chart')} format={show} />
        </>
      )}
    </Section>
  );
}

export function SatisfactionSection({
  report,
  monthName,
}: {
  report: MonthlyReport;
  monthName: (m: string) => string;
}) {
  const { t } = useTranslation();
  const show = useFormatNumber();
  const points = report.satisfaction;
  const any = points.some((p) => p.visits > 0);
  // Each measure on its own chart and scale: on one shared height 3.6 of 5 and 7 of 10 would
  // sit on top of each other.
  const charts = [
    {
      key: 'satisfaction',
      min: 1,
      max: 5,
      className: 'series-a',
      value: (p: (typeof points)[number]) => p.satisfactionAvg,
    },
    {
      key: 'recommend',
      min: 0,
      max: 10,
      className: 'series-b',
      value: (p: (typeof points)[number]) => p.recommendAvg,
    },
  ] as const;
  return (
    <Section id="report-satisfaction" title={t('reports.satisfaction.title')} wide>
      {!any ? (
        <p className="muted">{t('reports.satisfaction.noData')}</p>
      ) : (
        <>
          <div className="trend">
            {charts.map((c) => (
              <figure key={c.key}>
                <figcaption>{t(`reports.satisfaction.${c.key}`)}</figcaption>
                <TrendChart
                  label={`${t(`reports.satisfaction.${c.key}`)}: ${points
                    .map((p) => `${monthName(p.month)} ${show(c.value(p))}`)
                    .join(', ')}`}
                  format={show}
                  points={points.map((p) => ({ label: monthName(p.month), values: [c.value(p)] }))}
                  series={[
                    {
                      name: t(`reports.satisfaction.${c.key}`),
                      min: c.min,
                      max: c.max,
                      className: c.className,
                    },
                  ]}
                />
              </figure>
            ))}
          </div>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.satisfaction.month')}</th>
                <th scope="col">{t('reports.satisfaction.visits')}</th>
                <th scope="col">{t('reports.satisfaction.satisfaction')}</th>
                <th scope="col">{t('reports.satisfaction.recommend')}</th>
                <th scope="col">{t('reports.satisfaction.nps')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{monthName(p.month)}</th>
                  <td>{show(p.visits)}</td>
                  <td>{show(p.satisfactionAvg)}</td>
                  <td>{show(p.recommendAvg)}</td>
                  <td>{show(p.nps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

export function PromisesSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const show = useFormatNumber();
  const p = report.promises;
  const parts = (['below', 'met', 'exceeded'] as const).map((key) => ({
    key,
    label: t(`reports.promises.${key}`),
    value: p[key],
  }));
  const checked = p.below + p.met + p.exceeded;
  return (
    <Section id="report-promises" title={t('reports.promises.title')}>
      {checked === 0 ? (
        <p className="muted">{t('reports.promises.noData')}</p>
      ) : (
        <StackedBar parts={parts} label={t('reports.promises.chart')} format={show} />
      )}
      <Figures
        rows={[
          ...parts.map((x) => [x.label, x.value] as [string, number]),
          [t('reports.promises.unrated'), p.unrated],
        ]}
      />
      {p.shortfalls.length > 0 && (
        <>
          <h3>{t('reports.promises.shortfalls')}</h3>
          <ul className="report-list">
            {p.shortfalls.map((s) => (
              <li key={`${s.visitId}-${s.benefitId}`}>
                {s.text}
                {s.comment && <span className="muted"> — {s.comment}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

export function ReferralsSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const show = useFormatNumber();
  const r = report.referrals;
  return (
    <Section id="report-referrals" title={t('reports.referrals.title')}>
      <Figures
        rows={[
          [t('reports.referrals.obtained'), r.obtained],
          [t('reports.referrals.obtainedConverted'), r.obtainedConverted],
          [t('reports.referrals.converted'), r.converted],
          [
            t('reports.referrals.asked'),
            t('reports.referrals.askedValue', {
              asked: show(r.askedVisits),
              visits: show(r.postSaleVisits),
            }),
          ],
        ]}
      />
    </Section>
  );
}

export function ProblemsSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const show = useFormatNumber();
  const p = report.problems;
  // The chart and the table are one list of figures: they cannot say different things.
  const rows: [string, number][] = [
    [t('reports.problems.opened'), p.opened],
    [t('reports.problems.sellersFault'), p.sellersFault],
    [t('reports.problems.fixed'), p.fixed],
    [t('reports.problems.confirmed'), p.confirmed],
    [t('reports.problems.openNow'), p.openNow],
    [t('reports.problems.overdueNow'), p.overdueNow],
  ];
  return (
    <Section id="report-problems" title={t('reports.problems.title')}>
      <ValueBars format={show} label={t('reports.problems.chart')} rows={rows} />
      <Figures rows={rows} />
    </Section>
  );
}

export function AtRiskSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  return (
    <Section id="report-at-risk" title={t('reports.atRisk.title')}>
      {report.atRisk.length === 0 ? (
        <p className="muted">{t('reports.atRisk.none')}</p>
      ) : (
        <ul className="report-list">
          {report.atRisk.map((c) => (
            <li key={c.clientId}>
              <a href={`#/clients/${c.clientId}`}>{c.name}</a>
              <span className="muted">
                {' — '}
                {c.reasons.map((r) => t(`reports.atRisk.reason.${r}`)).join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function ContactsSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const show = useFormatNumber();
  const c = report.contacts;
  const rows: [string, number][] = CONTACT_TYPES.filter((k) => c.byType[k] > 0).map((k) => [
    t(`clients.contactType.${k}`),
    c.byType[k],
  ]);
  return (
    <Section id="report-contacts" title={t('reports.contacts.title')}>
      <p className="big-figure">{t('reports.contacts.summary', { count: c.total })}</p>
      {c.total === 0 ? (
        <p className="muted">{t('reports.contacts.none')}</p>
      ) : (
        <>
          <ValueBars format={show} label={t('reports.contacts.chart')} rows={rows} />
          <Figures rows={[...rows, [t('reports.contacts.complaints'), c.complaints]]} />
        </>
      )}
    </Section>
  );
}

export function VisitsSection({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const v = report.visits;
  const rows: [string, number][] = [
    [t('reports.visits.kind.closing'), v.byKind.closing],
    [t('reports.visits.kind.post_sale'), v.byKind.post_sale],
    [t('reports.visits.outcome.won'), v.byOutcome.won],
    [t('reports.visits.outcome.postponed'), v.byOutcome.postponed],
    [t('reports.visits.outcome.lost'), v.byOutcome.lost],
    [t('reports.visits.outcome.done'), v.byOutcome.done],
  ];
  return (
    <Section id="report-visits" title={t('reports.visits.title')}>
      <p className="big-figure">{t('reports.visits.summary', { count: v.total })}</p>
      <Figures rows={rows} />
    </Section>
  );
}

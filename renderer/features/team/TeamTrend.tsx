/**
 * Satisfaction over the six months up to the chosen one: a table with the months as its columns
 * (so each figure says which month it is, to the eye and to a screen reader), a row per rep and
 * the team's row.
 */
import { useTranslation } from 'react-i18next';
import type { SatisfactionPoint } from '../../../shared/domain/report';
import { formatDate } from '../../i18n/dates';
import { TeamHeading } from './TeamHeading';

export interface TrendRow {
  id: string;
  head: React.ReactNode;
  points: readonly SatisfactionPoint[];
}

export function TeamTrend(props: {
  rows: readonly TrendRow[];
  total: readonly SatisfactionPoint[];
  fmt: (n: number | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cells = (points: readonly SatisfactionPoint[]) =>
    points.map((p) =>
      p.satisfactionAvg === null ? (
        <td key={p.month} title={t('team.trend.noVisits')}>
          —
        </td>
      ) : (
        <td key={p.month}>{props.fmt(p.satisfactionAvg)}</td>
      ),
    );
  return (
    <section aria-labelledby="team-trend" className="report-card wide">
      <h2 id="team-trend">{t('team.trend.title')}</h2>
      <table className="team-table team-trend">
        <caption>{t('team.trend.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('team.table.rep')}</th>
            {props.total.map((p) => (
              <TeamHeading
                key={p.month}
                full={formatDate(p.month, 'monthAndYear', lang)}
                short={formatDate(p.month, 'monthShort', lang)}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.head}</th>
              {cells(row.points)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('team.total')}</th>
            {cells(props.total)}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

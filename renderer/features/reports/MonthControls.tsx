import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftMonth } from '../../../shared/domain/report';
import { formatDate } from '../../i18n/dates';

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** The years a report can be asked for: five back and one ahead of the one shown, and this one. */
function yearsAround(shown: number): number[] {
  const now = new Date().getFullYear();
  const from = Math.min(shown, now) - 5;
  const to = Math.max(shown, now) + 1;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The month picker above a report (the rep's own and the manager's team view): the month before,
 * the month itself, the month after, and Print. `printHint` adds the tip about Save as PDF.
 * The month is two selects worded in the app's language: a native month input is drawn in the
 * browser's language whatever the app's («November 2026» in a Russian app).
 */
export function MonthControls(props: {
  month: string;
  onMonth: (month: string) => void;
  printHint?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [yyyy, mm] = props.month.split('-') as [string, string];
  return (
    <div className="report-controls no-print">
      <button
        type="button"
        aria-label={t('reports.previous')}
        onClick={() => props.onMonth(shiftMonth(props.month, -1))}
      >
        ←
      </button>
      <label htmlFor={`${ids}-month`}>{t('reports.month')}</label>
      <select
        id={`${ids}-month`}
        className="input-edge"
        value={mm}
        onChange={(e) => props.onMonth(`${yyyy}-${e.target.value}`)}
      >
        {MONTHS.map((m) => (
          <option key={m} value={m}>
            {formatDate(`2000-${m}`, 'monthName', i18n.language)}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-year`}>{t('reports.year')}</label>
      <select
        id={`${ids}-year`}
        className="input-edge"
        value={yyyy}
        onChange={(e) => props.onMonth(`${e.target.value}-${mm}`)}
      >
        {yearsAround(Number(yyyy)).map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label={t('reports.next')}
        onClick={() => props.onMonth(shiftMonth(props.month, 1))}
      >
        →
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => window.print()}
        title={props.printHint ? t('reports.printHint') : undefined}
      >
        {t('reports.print')}
      </button>
    </div>
  );
}

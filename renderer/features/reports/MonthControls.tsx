import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftMonth } from '../../../shared/domain/report';

/**
 * The month picker above a report (the rep's own and the manager's team view): the month before,
 * the month itself, the month after, and Print. `printHint` adds the tip about Save as PDF.
 */
export function MonthControls(props: {
  month: string;
  onMonth: (month: string) => void;
  printHint?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
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
      <input
        id={`${ids}-month`}
        className="input-edge"
        type="month"
        // See ClientForm's date field: Chromium ignores lang for the drawn format.
        lang={i18n.language}
        value={props.month}
        onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && props.onMonth(e.target.value)}
      />
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

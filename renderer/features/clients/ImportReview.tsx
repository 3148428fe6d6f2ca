import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatErrorReport } from '../../../shared/importing';
import type { DuplicateChoice, ImportPlanRow } from '../../data/importer';
import { getDesktopApi } from '../../platform';
import { useToasts } from '../../store/toasts';
import { useClientBook } from './useClientBook';

interface Props {
  name: string;
  rows: ImportPlanRow[];
  onImport: (duplicates: DuplicateChoice, skipBadRows: boolean) => void;
  onBack: () => void;
}

const SHOWN_ERRORS = 100;
const SHOWN_DUPLICATES = 20;

/**
 * What the file holds before anything is written: rows, bad rows with the reason (and a report
 * to save), clients already in the book. Bad rows block the import unless the rep skips them.
 */
export function ImportReview({ name, rows, onImport, onBack }: Props) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const { book } = useClientBook();
  const ids = useId();
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('merge');
  const [skipBad, setSkipBad] = useState(false);
  const errors = useMemo(() => rows.flatMap((r) => r.errors), [rows]);
  const badRows = rows.filter((r) => r.errors.length > 0).length;
  const dupRows = rows.filter((r) => r.errors.length === 0 && r.duplicates.length > 0);
  const good = rows.length - badRows;
  const translate = (key: string, params?: Record<string, unknown>) => t(`clients.${key}`, params);

  const saveReport = async () => {
    try {
      const result = await getDesktopApi().saveFile({
        suggestedName: t('clients.import.reportFile', { name: name.replace(/\.[^.]+$/, '') }),
        content: formatErrorReport(errors, translate),
        mimeType: 'text/csv;charset=utf-8',
      });
      if (result.saved) toast(t('clients.import.reportSaved'));
    } catch {
      toast(t('clients.export.failed'), 'error');
    }
  };

  const blocked = badRows > 0 && !skipBad;
  const toWrite = good - (duplicates === 'skip' ? dupRows.length : 0);

  return (
    <div className="import-review">
      <h2>{t('clients.import.reviewTitle', { name })}</h2>
      <ul className="import-facts">
        <li>{t('clients.import.rows', { count: rows.length })}</li>
        <li className={badRows > 0 ? 'error' : ''}>
          {t('clients.import.badRows', { count: badRows })}
        </li>
        <li>{t('clients.import.duplicateRows', { count: dupRows.length })}</li>
      </ul>

      {errors.length > 0 && (
        <section aria-labelledby={`${ids}-errors`}>
          <h3 id={`${ids}-errors`}>{t('clients.import.errorsTitle')}</h3>
          <table className="import-errors">
            <thead>
              <tr>
                <th scope="col">{t('clients.import.report.row')}</th>
                <th scope="col">{t('clients.import.report.column')}</th>
                <th scope="col">{t('clients.import.report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{e.column ?? ''}</td>
                  <td>{t(`clients.import.error.${e.code}`, e.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.length > SHOWN_ERRORS && (
            <p className="muted">
              {t('clients.import.moreErrors', { count: errors.length - SHOWN_ERRORS })}
            </p>
          )}
          <button type="button" onClick={saveReport}>
            {t('clients.import.saveReport')}
          </button>
          <label className="check skip-bad">
            <input
              type="checkbox"
              checked={skipBad}
              onChange={(e) => setSkipBad(e.target.checked)}
            />
            {t('clients.import.skipBad', { count: badRows })}
          </label>
          {blocked && <p className="warning">{t('clients.import.allOrNothing')}</p>}
        </section>
      )}

      {dupRows.length > 0 && (
        <fieldset>
          <legend>{t('clients.import.duplicatesTitle', { count: dupRows.length })}</legend>
          <ul className="import-duplicates">
            {dupRows.slice(0, SHOWN_DUPLICATES).map((r) => {
              const match = r.duplicates[0]!;
              return (
                <li key={r.row}>
                  {t('clients.import.duplicateLine', {
                    row: r.row,
                    name: r.client.name,
                    existing: book.get(match.id)?.client.name ?? '—',
                    reasons: match.reasons.map((x) => t(`clients.import.reason.${x}`)).join(', '),
                  })}
                </li>
              );
            })}
          </ul>
          <label className="check">
            <input
              type="radio"
              name={`${ids}-dup`}
              checked={duplicates === 'merge'}
              onChange={() => setDuplicates('merge')}
            />
            {t('clients.import.merge')}
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${ids}-dup`}
              checked={duplicates === 'skip'}
              onChange={() => setDuplicates('skip')}
            />
            {t('clients.import.skipDuplicates')}
          </label>
        </fieldset>
      )}

      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={blocked || toWrite === 0}
          onClick={() => onImport(duplicates, skipBad)}
        >
          {t('clients.import.importRows', { count: toWrite })}
        </button>
        <button type="button" onClick={onBack}>
          {t('clients.import.chooseOther')}
        </button>
      </div>
    </div>
  );
}

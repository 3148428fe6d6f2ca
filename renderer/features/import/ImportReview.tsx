import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatErrorReport } from '../../../shared/importing';
import { duplicateChoice, type DuplicateChoice, type ImportPlanRow } from './data/importer';
import { getDesktopApi } from '../../platform';
import { useToasts } from '../../store/toasts';
import { useClientBook } from '../clients';
import { StepActions } from './StepActions';

/** What the rep chose for the rows matching clients already in the book. */
export interface DuplicateChoices {
  /** For every row the rep did not choose for one by one. */
  duplicates: DuplicateChoice;
  /** Row number → the rep's own choice for that row. */
  choices: ReadonlyMap<number, DuplicateChoice>;
}

interface Props {
  name: string;
  rows: ImportPlanRow[];
  onImport: (duplicates: DuplicateChoices, skipBadRows: boolean) => void;
  onBack: () => void;
}

const SHOWN_ERRORS = 100;
/** Duplicate rows shown at first and added by each "show more". */
const DUPLICATES_PAGE = 50;

/**
 * What the file holds before anything is written: rows, bad rows with the reason (and a report
 * to save), clients already in the book. Bad rows block the import unless the rep skips them.
 */
export function ImportReview({ name, rows, onImport, onBack }: Props) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const { book } = useClientBook();
  const ids = useId();
  const [choice, setChoice] = useState<DuplicateChoices>({
    duplicates: 'merge',
    choices: new Map(),
  });
  const [shownDuplicates, setShownDuplicates] = useState(DUPLICATES_PAGE);
  const [skipBad, setSkipBad] = useState(false);
  const errors = useMemo(() => rows.flatMap((r) => r.errors), [rows]);
  const badRows = useMemo(() => rows.filter((r) => r.errors.length > 0).length, [rows]);
  const dupRows = useMemo(
    () => rows.filter((r) => r.errors.length === 0 && r.duplicates.length > 0),
    [rows],
  );
  const good = rows.length - badRows;
  const chosen = (row: number) => duplicateChoice({ row }, choice);
  const skipped = useMemo(
    () => dupRows.filter((r) => duplicateChoice(r, choice) === 'skip').length,
    [dupRows, choice],
  );
  const chooseAll = (duplicates: DuplicateChoice) => setChoice({ duplicates, choices: new Map() });
  const chooseOne = (row: number, value: DuplicateChoice) =>
    setChoice((c) => ({ ...c, choices: new Map(c.choices).set(row, value) }));
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
  const toWrite = good - skipped;

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
        <section aria-labelledby={`${ids}-dups`}>
          <h3 id={`${ids}-dups`}>
            {t('clients.import.duplicatesTitle', { count: dupRows.length })}
          </h3>
          <p className="muted">{t('clients.import.merge')}</p>
          <div className="actions" role="group" aria-label={t('clients.import.allDuplicates')}>
            <button type="button" onClick={() => chooseAll('merge')}>
              {t('clients.import.mergeAll')}
            </button>
            <button type="button" onClick={() => chooseAll('skip')}>
              {t('clients.import.skipAll')}
            </button>
          </div>
          <p role="status">
            {t('clients.import.choiceSummary', { merge: dupRows.length - skipped, skip: skipped })}
          </p>
          <ul className="import-duplicates">
            {dupRows.slice(0, shownDuplicates).map((r) => {
              const match = r.duplicates[0]!;
              const group = `${ids}-dup-${r.row}`;
              return (
                <li key={r.row}>
                  <fieldset className="import-review-duplicate">
                    <legend>
                      {t('clients.import.duplicateLine', {
                        row: r.row,
                        name: r.client.name,
                        existing: book.get(match.id)?.client.name ?? '—',
                        reasons: match.reasons
                          .map((x) => t(`clients.import.reason.${x}`))
                          .join(', '),
                      })}
                      {r.duplicates.length > 1 &&
                        ` ${t('clients.import.moreMatches', { count: r.duplicates.length - 1 })}`}
                    </legend>
                    <label className="check">
                      <input
                        type="radio"
                        name={group}
                        checked={chosen(r.row) === 'merge'}
                        onChange={() => chooseOne(r.row, 'merge')}
                      />
                      {t('clients.import.mergeOne')}
                    </label>
                    <label className="check">
                      <input
                        type="radio"
                        name={group}
                        checked={chosen(r.row) === 'skip'}
                        onChange={() => chooseOne(r.row, 'skip')}
                      />
                      {t('clients.import.skipOne')}
                    </label>
                  </fieldset>
                </li>
              );
            })}
          </ul>
          {dupRows.length > shownDuplicates && (
            <button type="button" onClick={() => setShownDuplicates((n) => n + DUPLICATES_PAGE)}>
              {t('clients.import.showMoreDuplicates', {
                count: Math.min(DUPLICATES_PAGE, dupRows.length - shownDuplicates),
              })}
            </button>
          )}
        </section>
      )}

      <StepActions onBack={onBack}>
        <button
          type="button"
          className="primary"
          disabled={blocked || toWrite === 0}
          onClick={() => onImport(choice, skipBad)}
        >
          {t('clients.import.importRows', { count: toWrite })}
        </button>
      </StepActions>
    </div>
  );
}

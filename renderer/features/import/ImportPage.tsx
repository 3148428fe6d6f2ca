import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  headingSignature,
  type ColumnMapping,
  type CsvImportFile,
  type FileError,
} from '../../../shared/importing';
import type { ClientStatus } from '../../../shared/domain';
import { MAX_OPEN_FILE_BYTES } from '../../../shared/ipc';
import { routeHref } from '../../store/router';
import { useRepository } from '../../data/DataContext';
import { getDesktopApi, isDesktopError } from '../../platform';
import {
  commitImport,
  ImportCancelled,
  type CommitResult,
  type ImportPlanRow,
} from './data/importer';
import { useImportBook } from './data/useImportBook';
import { ImportMapping } from './ImportMapping';
import { ImportReview, type DuplicateChoices } from './ImportReview';
import { ImportProgress } from './ImportProgress';
import { isVCard, openCsvFile, readCsvRows, readVCardRows } from './importFlow';
import './import.css';

type Step =
  | { kind: 'pick' }
  | { kind: 'map'; name: string; file: CsvImportFile; mapping: ColumnMapping }
  | { kind: 'reading'; name: string; share: number; rows: number }
  | { kind: 'review'; name: string; rows: ImportPlanRow[]; save: () => Promise<void> }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'done'; result: CommitResult };

const ACCEPT = ['csv', 'txt', 'tsv', 'vcf'];

/** Import clients from CSV or people from vCard: pick, map, check, then all rows or none. */
export function ImportPage() {
  const { t } = useTranslation();
  const repo = useRepository();
  const { existingClients, rememberedMapping, rememberMapping } = useImportBook();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [problem, setProblem] = useState<string | null>(null);
  const [defaultStatus, setDefaultStatus] = useState<ClientStatus>('active');
  const abort = useRef<AbortController | null>(null);
  const fileError = (e: FileError) => t(`clients.import.error.${e.code}`, e.params);

  const pick = async () => {
    setProblem(null);
    try {
      const opened = await getDesktopApi().openFile({
        accept: ACCEPT,
        maxBytes: MAX_OPEN_FILE_BYTES,
      });
      if (!opened) return;
      const name = opened.name.split(/[\\/]/).pop() ?? opened.name;
      if (isVCard(name)) {
        const rows = readVCardRows(opened.bytes, await existingClients(), defaultStatus);
        if (!rows.ok) return setProblem('error' in rows ? fileError(rows.error) : null);
        return setStep({ kind: 'review', name, rows: rows.rows, save: async () => undefined });
      }
      const result = await openCsvFile(opened.bytes);
      if (!result.ok) return setProblem(fileError(result.error));
      const remembered = await rememberedMapping(headingSignature(result.file.headings));
      const mapping =
        remembered && remembered.length === result.file.headings.length
          ? remembered
          : result.file.guessedMapping;
      setStep({ kind: 'map', name, file: result.file, mapping });
    } catch (error) {
      setProblem(
        isDesktopError(error) && error.code === 'file_too_large'
          ? t('clients.import.error.file_too_large', {
              maxMb: Math.floor(MAX_OPEN_FILE_BYTES / 1024 / 1024),
            })
          : isDesktopError(error) && error.code === 'file_type_not_allowed'
            ? t('clients.import.wrongType')
            : t('clients.import.openFailed'),
      );
    }
  };

  const read = async (name: string, file: CsvImportFile, mapping: ColumnMapping) => {
    setProblem(null);
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'reading', name, share: 0, rows: 0 });
    const outcome = await readCsvRows(file, mapping, await existingClients(), {
      defaultStatus,
      signal: controller.signal,
      onProgress: (share, rows) => setStep({ kind: 'reading', name, share, rows }),
    });
    if (outcome.ok) {
      const save = () => rememberMapping(headingSignature(file.headings), mapping);
      return setStep({ kind: 'review', name, rows: outcome.rows, save });
    }
    setStep({ kind: 'map', name, file, mapping });
    setProblem(
      'error' in outcome ? fileError(outcome.error) : t('clients.import.cancelledNothing'),
    );
  };

  const write = async (
    rows: ImportPlanRow[],
    save: () => Promise<void>,
    { duplicates, choices }: DuplicateChoices,
    skipBadRows: boolean,
  ) => {
    setProblem(null);
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'writing', done: 0, total: rows.length });
    try {
      const result = await commitImport(repo, rows, {
        duplicates,
        choices,
        skipBadRows,
        signal: controller.signal,
        onProgress: (done, total) => setStep({ kind: 'writing', done, total }),
      });
      await save();
      setStep({ kind: 'done', result });
    } catch (error) {
      setStep({ kind: 'pick' });
      setProblem(
        error instanceof ImportCancelled
          ? t('clients.import.cancelledNothing')
          : t('clients.import.writeFailed', { reason: (error as Error).message }),
      );
    }
  };

  return (
    <section className="page import-page" aria-labelledby="import-heading">
      <h1 id="import-heading">{t('clients.import.title')}</h1>
      <p>
        <a href={routeHref({ page: 'clients' })}>{t('clients.trash.back')}</a>
      </p>
      {problem && (
        <p className="error import-problem" role="alert">
          {problem}
        </p>
      )}
      {step.kind === 'pick' && (
        <div className="import-pick">
          <p>{t('clients.import.intro')}</p>
          <div className="field">
            <label htmlFor="import-status">{t('clients.import.defaultStatus')}</label>
            <select
              id="import-status"
              value={defaultStatus}
              onChange={(e) => setDefaultStatus(e.target.value as ClientStatus)}
            >
              {(['active', 'prospect', 'at_risk', 'lost', 'won_back'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`clients.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="primary" onClick={pick}>
            {t('clients.import.choose')}
          </button>
        </div>
      )}
      {step.kind === 'map' && (
        <ImportMapping
          name={step.name}
          file={step.file}
          mapping={step.mapping}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onNext={() => read(step.name, step.file, step.mapping)}
          onBack={() => setStep({ kind: 'pick' })}
        />
      )}
      {step.kind === 'reading' && (
        <ImportProgress
          label={t('clients.import.reading', { name: step.name, count: step.rows })}
          share={step.share}
          onCancel={() => abort.current?.abort()}
        />
      )}
      {step.kind === 'review' && (
        <ImportReview
          name={step.name}
          rows={step.rows}
          onImport={(duplicates, skipBadRows) =>
            write(step.rows, step.save, duplicates, skipBadRows)
          }
          onBack={() => setStep({ kind: 'pick' })}
        />
      )}
      {step.kind === 'writing' && (
        <ImportProgress
          label={t('clients.import.writing', { done: step.done, total: step.total })}
          share={step.total === 0 ? 1 : step.done / step.total}
          onCancel={() => abort.current?.abort()}
        />
      )}
      {step.kind === 'done' && (
        <div className="import-done" role="status">
          <p>
            {t('clients.import.done', {
              created: step.result.created,
              merged: step.result.merged,
              skipped: step.result.skippedDuplicates + step.result.skippedBad,
            })}
          </p>
          <p>
            <a href={routeHref({ page: 'clients' })}>{t('clients.import.toClients')}</a>
          </p>
          <button type="button" onClick={() => setStep({ kind: 'pick' })}>
            {t('clients.import.another')}
          </button>
        </div>
      )}
    </section>
  );
}

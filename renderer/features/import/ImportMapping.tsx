import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  MULTI_COLUMN_FIELDS,
  type ColumnMapping,
  type CsvImportFile,
  type ImportField,
} from '../../../shared/importing';
import { StepActions } from './StepActions';

interface Props {
  name: string;
  file: CsvImportFile;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  onNext: () => void;
  onBack: () => void;
}

const PREVIEW_ROWS = 8;

/** The first rows of the file under a field choice per column; the rep fixes what was guessed. */
export function ImportMapping({ name, file, mapping, onChange, onNext, onBack }: Props) {
  const { t } = useTranslation();
  const setColumn = (index: number, field: ImportField | null) =>
    onChange(
      mapping.map((current, i) => {
        if (i === index) return field;
        // A single-valued field moves to the column just chosen for it.
        return field !== null && current === field && !MULTI_COLUMN_FIELDS.has(field)
          ? null
          : current;
      }),
    );
  const hasName = mapping.some((f) => f === 'name' || f === 'personName' || f === 'personLastName');
  const delimiterName =
    file.delimiter === '\t' ? 'tab' : file.delimiter === ';' ? 'semicolon' : 'comma';

  return (
    <div className="import-mapping">
      <h2>{t('clients.import.mapTitle', { name })}</h2>
      <p className="muted">
        {t('clients.import.fileFacts', {
          encoding: file.encoding.toUpperCase(),
          delimiter: t(`clients.import.delimiter.${delimiterName}`),
        })}
      </p>
      <p>{t('clients.import.mapHint')}</p>
      <div className="table-scroll">
        <table className="import-preview">
          <thead>
            <tr>
              {file.headings.map((heading, i) => (
                <th key={i} scope="col">
                  <label>
                    <span className="column-heading">{heading || '—'}</span>
                    <select
                      aria-label={t('clients.import.columnField', { column: heading || i + 1 })}
                      value={mapping[i] ?? ''}
                      onChange={(e) => setColumn(i, (e.target.value || null) as ImportField | null)}
                    >
                      <option value="">{t('clients.import.skipColumn')}</option>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {t(`clients.import.field.${f}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {file.preview.slice(0, PREVIEW_ROWS).map((row, r) => (
              <tr key={r}>
                {file.headings.map((_, c) => (
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!hasName && <p className="warning">{t('clients.import.needName')}</p>}
      <StepActions onBack={onBack}>
        <button type="button" className="primary" onClick={onNext} disabled={!hasName}>
          {t('clients.import.check')}
        </button>
      </StepActions>
    </div>
  );
}

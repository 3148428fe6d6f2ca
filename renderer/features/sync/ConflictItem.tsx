import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../shared/domain';
import type { Resolution } from '../../sync/conflicts';
import { isRefusal, useConflictRecord, useResolveConflict } from './data/useSync';
import { fieldLabel, formatConflictValue, recordTitle } from './format';
import { ErrorAlert } from '../../ui/ErrorAlert';

function canEdit(conflict: Conflict): boolean {
  const textual = (v: unknown) => v === null || typeof v === 'string';
  return (
    conflict.field !== 'deletedAt' && textual(conflict.localValue) && textual(conflict.remoteValue)
  );
}

const REFUSAL_TEXTS = new Set(['forbidden', 'read_only', 'invalid_record', 'record_too_large']);

export function ConflictItem({ conflict }: { conflict: Conflict }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const resolveConflict = useResolveConflict();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const record = useConflictRecord(conflict);
  const title = recordTitle(record, i18n.language);
  const field = fieldLabel(conflict.field, t);

  const resolve = async (resolution: Resolution) => {
    setError(null);
    try {
      await resolveConflict(conflict.id, resolution);
    } catch (caught) {
      setError(t('sync.conflicts.failed', { reason: (caught as Error).message }));
    }
  };

  if (isRefusal(conflict)) {
    // A refusal from before refusals kept their code: on a template it can only be read_only.
    const said = conflict.code ?? (conflict.table === 'checklistTemplates' ? 'read_only' : '');
    const code = REFUSAL_TEXTS.has(said) ? said : 'other';
    const changed =
      conflict.kind === 'refused' &&
      conflict.localValue !== null &&
      typeof conflict.localValue === 'object'
        ? Object.entries(conflict.localValue as Record<string, unknown>)
        : [[conflict.field, conflict.localValue] as const];
    return (
      <article className="sync-conflict" aria-labelledby={`${ids}-h`}>
        <h3 id={`${ids}-h`}>
          {t(`sync.tables.${conflict.table}`, { defaultValue: conflict.table })}
          {title && `: ${title}`}
        </h3>
        <p>{t(`sync.conflicts.refused.${code}`)}</p>
        <details>
          <summary>{t('sync.conflicts.refused.changed')}</summary>
          <dl className="sync-refused-fields">
            {changed.map(([f, value]) => (
              <div key={f}>
                <dt>{fieldLabel(f, t)}</dt>
                <dd>{formatConflictValue(f, value, t, i18n.language)}</dd>
              </div>
            ))}
          </dl>
        </details>
        <div className="sync-actions">
          <button type="button" onClick={() => void resolve({ choice: 'kept_theirs' })}>
            {t('sync.conflicts.refused.keepServer')}
          </button>
        </div>
        <ErrorAlert error={error} />
      </article>
    );
  }

  return (
    <article className="sync-conflict" aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>
        {t(`sync.tables.${conflict.table}`, { defaultValue: conflict.table })}
        {title && `: ${title}`} — {field}
      </h3>
      <p className="muted">{t(`sync.conflicts.kind.${conflict.kind}`)}</p>
      <div className="sync-values">
        <div>
          <strong>{t('sync.conflicts.mine')}</strong>
          <p className="sync-value">
            {formatConflictValue(conflict.field, conflict.localValue, t, i18n.language)}
          </p>
        </div>
        <div>
          <strong>{t('sync.conflicts.theirs')}</strong>
          <p className="sync-value">
            {formatConflictValue(conflict.field, conflict.remoteValue, t, i18n.language)}
          </p>
        </div>
      </div>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void resolve({ choice: 'edited', value: draft });
          }}
        >
          <label htmlFor={`${ids}-edit`}>{t('sync.conflicts.editLabel')}</label>
          <textarea id={`${ids}-edit`} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <div className="sync-actions">
            <button type="submit">{t('sync.conflicts.save')}</button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('sync.conflicts.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="sync-actions">
          <button type="button" onClick={() => void resolve({ choice: 'kept_mine' })}>
            {t('sync.conflicts.keepMine')}
          </button>
          <button type="button" onClick={() => void resolve({ choice: 'kept_theirs' })}>
            {t('sync.conflicts.keepTheirs')}
          </button>
          {canEdit(conflict) && (
            <button
              type="button"
              onClick={() => {
                setDraft(String(conflict.localValue ?? ''));
                setEditing(true);
              }}
            >
              {t('sync.conflicts.edit')}
            </button>
          )}
        </div>
      )}
      {record === undefined && <p className="muted">{t('sync.conflicts.missing')}</p>}
      <ErrorAlert error={error} />
    </article>
  );
}

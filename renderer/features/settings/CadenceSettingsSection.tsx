/**
 * Settings → contact cadence: a general default, a default per status and optional defaults per
 * tag. Saved whole; health, the list, the follow-ups and the report follow at once (they all
 * watch the stored settings). Bad input is shown where it is and nothing is saved until it is fixed.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_STATUSES, type ClientStatus } from '../../../shared/domain/client';
import {
  cadenceTagKey,
  readCadenceDays,
  type CadenceSettings,
} from '../../../shared/domain/cadence';
import { FormFooter } from '../../ui/FormFooter';
import {
  useClientTags,
  useSaveCadenceSettings,
  useStoredCadenceSettings,
} from './data/useCadenceSettings';
import './settings.css';

interface TagRow {
  key: number;
  tag: string;
  days: string;
}

interface CadenceFormValues {
  defaultDays: string;
  byStatus: Record<ClientStatus, string>;
  tags: TagRow[];
}

let nextRowKey = 1;

function formValuesOf(settings: CadenceSettings): CadenceFormValues {
  return {
    defaultDays: String(settings.defaultDays),
    byStatus: Object.fromEntries(
      CLIENT_STATUSES.map((s) => [s, settings.byStatus[s]?.toString() ?? '']),
    ) as Record<ClientStatus, string>,
    tags: Object.entries(settings.byTag).map(([tag, days]) => ({
      key: nextRowKey++,
      tag,
      days: String(days),
    })),
  };
}

type Problems = Map<string, string>;

/** The settings a values stands for, or the problems that keep it from being saved (by field). */
function readFormValues(values: CadenceFormValues): {
  settings: CadenceSettings | null;
  problems: Problems;
} {
  const problems: Problems = new Map();
  const defaultDays = readCadenceDays(values.defaultDays);
  if (defaultDays === null) problems.set('default', 'settings.cadence.errors.required');
  else if (defaultDays === 'invalid') problems.set('default', 'settings.cadence.errors.days');
  const byStatus: CadenceSettings['byStatus'] = {};
  for (const status of CLIENT_STATUSES) {
    const days = readCadenceDays(values.byStatus[status]);
    if (days === 'invalid') problems.set(`status-${status}`, 'settings.cadence.errors.days');
    else if (days !== null) byStatus[status] = days;
  }
  const byTag: Record<string, number> = {};
  const seen = new Set<string>();
  for (const row of values.tags) {
    const tag = row.tag.trim();
    const days = readCadenceDays(row.days);
    if (tag === '' && row.days.trim() === '') continue; // an untouched new row is no mistake
    if (tag === '') problems.set(`tag-${row.key}`, 'settings.cadence.errors.tagEmpty');
    else if (tag.length > 60) problems.set(`tag-${row.key}`, 'settings.cadence.errors.tagLong');
    else if (seen.has(cadenceTagKey(tag)))
      problems.set(`tag-${row.key}`, 'settings.cadence.errors.tagTwice');
    seen.add(cadenceTagKey(tag));
    if (days === null) problems.set(`days-${row.key}`, 'settings.cadence.errors.required');
    else if (days === 'invalid') problems.set(`days-${row.key}`, 'settings.cadence.errors.days');
    else if (tag !== '') byTag[tag] = days;
  }
  if (problems.size > 0 || typeof defaultDays !== 'number') return { settings: null, problems };
  return { settings: { defaultDays, byStatus, byTag }, problems };
}

export function CadenceSettingsSection() {
  // The form starts from the stored settings once read; later saves do not reset what is typed.
  const stored = useStoredCadenceSettings();
  return stored ? <CadenceForm settings={stored} /> : null;
}

function CadenceForm({ settings }: { settings: CadenceSettings }) {
  const { t } = useTranslation();
  const saveCadenceSettings = useSaveCadenceSettings();
  const ids = useId();
  const [values, setValues] = useState(() => formValuesOf(settings));
  const [submitted, setSubmitted] = useState(false);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const tags = useClientTags();
  const { settings: next, problems } = readFormValues(values);
  const field = (name: string) => `${ids}-${name}`;
  const problemOf = (name: string) => (submitted ? problems.get(name) : undefined);

  const change = (update: (d: CadenceFormValues) => CadenceFormValues) => {
    setValues(update);
    setStatus('idle');
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (!next) {
      setFailure(t('settings.cadence.fix'));
      return;
    }
    setStatus('saving');
    try {
      await saveCadenceSettings(next);
      setStatus('saved');
    } catch (error) {
      setFailure(t('settings.cadence.failed', { reason: (error as Error).message }));
      setStatus('idle');
    }
  };

  const message = (name: string) => {
    const key = problemOf(name);
    return key ? (
      <p id={`${field(name)}-msg`} className="error">
        {t(key)}
      </p>
    ) : null;
  };
  const numberInput = (name: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field cadence-days">
      <label htmlFor={field(name)}>{label}</label>
      <input
        id={field(name)}
        inputMode="numeric"
        size={5}
        value={value}
        placeholder={name.startsWith('status-') ? values.defaultDays : undefined}
        onChange={(e) => set(e.target.value)}
        aria-invalid={problemOf(name) ? true : undefined}
        aria-describedby={problemOf(name) ? `${field(name)}-msg` : undefined}
      />
      {message(name)}
    </div>
  );

  return (
    <section className="settings-section cadence-settings" aria-labelledby={field('title')}>
      <h2 id={field('title')}>{t('settings.cadence.title')}</h2>
      <p className="muted">{t('settings.cadence.intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {numberInput('default', t('settings.cadence.defaultDays'), values.defaultDays, (v) =>
          change((d) => ({ ...d, defaultDays: v })),
        )}
        <fieldset>
          <legend>{t('settings.cadence.byStatus')}</legend>
          <p className="hint">{t('settings.cadence.byStatusHint')}</p>
          <div className="cadence-grid">
            {CLIENT_STATUSES.map((s) =>
              numberInput(`status-${s}`, t(`clients.status.${s}`), values.byStatus[s], (v) =>
                change((d) => ({ ...d, byStatus: { ...d.byStatus, [s]: v } })),
              ),
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('settings.cadence.byTag')}</legend>
          <p className="hint">{t('settings.cadence.byTagHint')}</p>
          <datalist id={field('tags')}>
            {(tags ?? []).map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          {values.tags.length === 0 && <p className="muted">{t('settings.cadence.noTags')}</p>}
          <ul className="cadence-tags">
            {values.tags.map((row, index) => {
              const setRow = (patch: Partial<TagRow>) =>
                change((d) => ({
                  ...d,
                  tags: d.tags.map((r) => (r.key === row.key ? { ...r, ...patch } : r)),
                }));
              return (
                <li key={row.key} className="field-row">
                  <div className="field">
                    <label htmlFor={field(`tag-${row.key}`)}>
                      {t('settings.cadence.tag', { n: index + 1 })}
                    </label>
                    <input
                      id={field(`tag-${row.key}`)}
                      list={field('tags')}
                      value={row.tag}
                      onChange={(e) => setRow({ tag: e.target.value })}
                      aria-invalid={problemOf(`tag-${row.key}`) ? true : undefined}
                      aria-describedby={
                        problemOf(`tag-${row.key}`) ? `${field(`tag-${row.key}`)}-msg` : undefined
                      }
                    />
                    {message(`tag-${row.key}`)}
                  </div>
                  {numberInput(
                    `days-${row.key}`,
                    t('settings.cadence.tagDays', { n: index + 1 }),
                    row.days,
                    (v) => setRow({ days: v }),
                  )}
                  <button
                    type="button"
                    className="cadence-remove"
                    onClick={() =>
                      change((d) => ({ ...d, tags: d.tags.filter((r) => r.key !== row.key) }))
                    }
                  >
                    {t('settings.cadence.removeTag', { tag: row.tag.trim() || index + 1 })}
                  </button>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            onClick={() =>
              change((d) => ({ ...d, tags: [...d.tags, { key: nextRowKey++, tag: '', days: '' }] }))
            }
          >
            {t('settings.cadence.addTag')}
          </button>
        </fieldset>
        <FormFooter
          error={failure}
          saving={status === 'saving'}
          saveLabel={t('settings.cadence.save')}
        />
        <p role="status" aria-live="polite">
          {status === 'saved' && t('settings.cadence.saved')}
        </p>
      </form>
    </section>
  );
}

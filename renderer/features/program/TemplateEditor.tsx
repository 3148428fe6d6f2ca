/**
 * Management's checklist editor: wording in both languages, required marks, questions added or
 * removed, choice options. Publishing makes a new version; runs already started keep theirs.
 * Items the app's logic reads (readiness, outcome, loyalty, the contact log) cannot be removed.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  ChecklistStepSchema,
  type ChecklistItem,
  type ChecklistTemplate,
  type LocalizedText,
} from '../../../shared/domain';
import { CLOSING_ITEMS, CONTACT_ITEMS, POST_SALE_ITEMS } from '../../../shared/domain/templates';
import { useRepository } from '../../data/DataContext';
import { publishTemplateVersion } from './data/checklistTemplates';
import { useToasts } from '../../store/toasts';
import { useLocalized } from '../../i18n/localize';
import { useDropUnpublishedTemplate } from './data/useProgramRole';
import type { UnpublishedTemplate } from '../../sync/refused';
import { ErrorAlert } from '../../ui/ErrorAlert';

type Steps = ChecklistTemplate['steps'];
const LOGIC_KEYS = new Set<string>([
  ...Object.values(CLOSING_ITEMS),
  ...Object.values(POST_SALE_ITEMS),
  ...Object.values(CONTACT_ITEMS),
]);
const ITEM_TYPES: ChecklistItem['type'][] = [
  'check',
  'choice',
  'scale',
  'short_text',
  'long_text',
  'date',
  'promise_vs_reality',
];

function newItem(type: ChecklistItem['type'], key: string, label: LocalizedText): ChecklistItem {
  const base = { key, label, required: false };
  if (type === 'choice')
    return { ...base, type, multiple: false, options: [{ key: 'option_1', label: { ...label } }] };
  if (type === 'scale') return { ...base, type, min: 1, max: 5 };
  return { ...base, type };
}

/** Checks the steps as a whole before publishing: schema, and keys unique within the template. */
function stepsProblem(steps: Steps): string | null {
  const parsed = z.array(ChecklistStepSchema).safeParse(steps);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid';
  const keys = steps.flatMap((s) => s.items.map((i) => i.key));
  const twin = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twin) return `duplicate key ${twin}`;
  const empty = steps.flatMap((s) => s.items).find((i) => !i.label.ru.trim() || !i.label.en.trim());
  return empty ? `“${empty.key}”: ru/en` : null;
}

function TextPair(props: {
  id: string;
  label: string;
  value: LocalizedText | undefined;
  onChange: (value: LocalizedText) => void;
}) {
  const { t } = useTranslation();
  const value = props.value ?? { ru: '', en: '' };
  return (
    <div className="field-row text-pair">
      {(['ru', 'en'] as const).map((lang) => (
        <div className="field" key={lang}>
          <label htmlFor={`${props.id}-${lang}`}>
            {props.label} ({t(`program.editor.${lang}`)})
          </label>
          <input
            id={`${props.id}-${lang}`}
            lang={lang}
            value={value[lang]}
            onChange={(e) => props.onChange({ ...value, [lang]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}

export function TemplateEditor({
  template,
  unpublished,
}: {
  template: ChecklistTemplate;
  /** What the rep wrote here before and the server did not take: loaded instead of the version in force. */
  unpublished?: UnpublishedTemplate | undefined;
}) {
  const dropUnpublished = useDropUnpublishedTemplate();
  const { t } = useTranslation();
  const pick = useLocalized();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const [steps, setSteps] = useState<Steps>(() =>
    structuredClone(unpublished?.steps ?? template.steps),
  );
  const [fromUnpublished, setFromUnpublished] = useState(unpublished !== undefined);
  const [addType, setAddType] = useState<ChecklistItem['type']>('check');
  const [error, setError] = useState<string | null>(null);

  const setItem = (si: number, ii: number, item: ChecklistItem) =>
    setSteps((all) =>
      all.map((s, i) =>
        i === si ? { ...s, items: s.items.map((x, j) => (j === ii ? item : x)) } : s,
      ),
    );
  const setStep = (si: number, patch: Partial<Steps[number]>) =>
    setSteps((all) => all.map((s, i) => (i === si ? { ...s, ...patch } : s)));

  const publish = async () => {
    const problem = stepsProblem(steps);
    if (problem) {
      setError(t('program.editor.invalid', { reason: problem }));
      return;
    }
    setError(null);
    try {
      const published = await publishTemplateVersion(repo, template, {
        title: template.title,
        steps,
      });
      if (fromUnpublished) {
        await dropUnpublished(template.key);
        setFromUnpublished(false);
      }
      toast(
        t('program.editor.published', { title: pick(published.title), version: published.version }),
      );
    } catch (e) {
      setError(t('program.editor.failed', { reason: (e as Error).message }));
    }
  };

  return (
    <div className="template-editor">
      {fromUnpublished && unpublished && (
        <p className="hint" role="note">
          {t('program.unpublishedLoaded', { date: unpublished.savedAt.slice(0, 10) })}{' '}
          <button
            type="button"
            onClick={() => {
              void dropUnpublished(template.key);
              setFromUnpublished(false);
              setSteps(structuredClone(template.steps));
            }}
          >
            {t('program.discardUnpublished')}
          </button>
        </p>
      )}
      {steps.map((step, si) => (
        <fieldset key={step.key} className="editor-step">
          <legend>{t('program.editor.step', { n: si + 1 })}</legend>
          <TextPair
            id={`${ids}-${si}-title`}
            label={t('program.editor.stepTitle')}
            value={step.title}
            onChange={(title) => setStep(si, { title })}
          />
          {step.items.map((item, ii) => {
            const id = `${ids}-${si}-${ii}`;
            return (
              <div key={item.key} className="editor-item">
                <p className="muted editor-item-type">
                  {t(`program.editor.types.${item.type}`)} · <code>{item.key}</code>
                </p>
                <TextPair
                  id={`${id}-label`}
                  label={t('program.editor.itemLabel')}
                  value={item.label}
                  onChange={(label) => setItem(si, ii, { ...item, label })}
                />
                <TextPair
                  id={`${id}-help`}
                  label={t('program.editor.itemHelp')}
                  value={item.help}
                  onChange={(help) => setItem(si, ii, { ...item, help })}
                />
                <div className="editor-item-actions">
                  <label className="inline-check">
                    <input
                      type="checkbox"
                      checked={item.required}
                      onChange={(e) => setItem(si, ii, { ...item, required: e.target.checked })}
                    />
                    {t('program.editor.required')}
                  </label>
                  {item.type === 'choice' && (
                    <label className="inline-check">
                      <input
                        type="checkbox"
                        checked={item.multiple}
                        onChange={(e) => setItem(si, ii, { ...item, multiple: e.target.checked })}
                      />
                      {t('program.editor.multiple')}
                    </label>
                  )}
                  {LOGIC_KEYS.has(item.key) ? (
                    <span className="hint">{t('program.editor.logicItem')}</span>
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setStep(si, { items: step.items.filter((_, j) => j !== ii) })}
                    >
                      {t('program.editor.removeItem')}
                    </button>
                  )}
                </div>
                {item.type === 'choice' && (
                  <details className="editor-options">
                    <summary>
                      {t('program.editor.options')} ({item.options.length})
                    </summary>
                    {item.options.map((option, oi) => (
                      <TextPair
                        key={option.key}
                        id={`${id}-o${oi}`}
                        label={t('program.editor.option', { n: oi + 1 })}
                        value={option.label}
                        onChange={(label) =>
                          setItem(si, ii, {
                            ...item,
                            options: item.options.map((o, k) => (k === oi ? { ...o, label } : o)),
                          })
                        }
                      />
                    ))}
                    <button
                      type="button"
                      onClick={() =>
                        setItem(si, ii, {
                          ...item,
                          options: [
                            ...item.options,
                            {
                              key: `option_${item.options.length + 1}_${Date.now().toString(36)}`,
                              label: { ru: '', en: '' },
                            },
                          ],
                        })
                      }
                    >
                      + {t('program.editor.addOption')}
                    </button>
                  </details>
                )}
              </div>
            );
          })}
          <div className="editor-add">
            <label htmlFor={`${ids}-${si}-type`}>{t('program.editor.type')}</label>
            <select
              id={`${ids}-${si}-type`}
              value={addType}
              onChange={(e) => setAddType(e.target.value as ChecklistItem['type'])}
            >
              {ITEM_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`program.editor.types.${type}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() =>
                setStep(si, {
                  items: [
                    ...step.items,
                    newItem(addType, `q_${Date.now().toString(36)}`, {
                      ru: t('program.editor.newItem', { lng: 'ru' }),
                      en: t('program.editor.newItem', { lng: 'en' }),
                    }),
                  ],
                })
              }
            >
              + {t('program.editor.addItem')}
            </button>
          </div>
        </fieldset>
      ))}
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void publish()}>
          {t('program.editor.publish', { version: template.version + 1 })}
        </button>
        <button type="button" onClick={() => setSteps(structuredClone(template.steps))}>
          {t('program.editor.discard')}
        </button>
      </div>
    </div>
  );
}

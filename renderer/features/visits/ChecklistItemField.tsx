/**
 * One checklist item, whatever its type: check, choice (one or several), scale, short or long
 * text, date, and promise-vs-reality rows. Required items carry a visible mark and a spoken
 * "required"; help text is tied to the control with aria-describedby.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, ChecklistItem } from '../../../shared/domain';
import { chosen } from '../../../shared/domain/checklistRun';
import { useLocalized } from '../../i18n/localize';
import { PromiseRealityRows, type Benefit } from './PromiseRealityRows';
import '../../ui/checklistItems.css';

export interface ItemFieldProps {
  item: ChecklistItem;
  value: Answer | undefined;
  onChange: (value: Answer) => void;
  /** The purchase's promised benefits, for promise-vs-reality rows. */
  benefits?: readonly Benefit[];
  /** The visit checks no purchase: promise-vs-reality has nothing to rate. */
  noPurchase?: boolean;
  /** A required item still empty when the rep tried to finish. */
  missing?: boolean;
  idPrefix: string;
}

/** Ranges up to this many values are buttons; longer ones (days in the program) a number field. */
const MAX_SCALE_BUTTONS = 11;

function RequiredMark({ required }: { required: boolean }) {
  const { t } = useTranslation();
  if (!required) return null;
  return (
    <>
      <span className="required-mark" aria-hidden="true">
        {' *'}
      </span>{' '}
      <span className="sr-only">({t('visits.item.required')})</span>
    </>
  );
}

export function ChecklistItemField(props: ItemFieldProps) {
  const { item, missing, idPrefix } = props;
  const pick = useLocalized();
  const id = `${idPrefix}-${item.key}`;
  const helpId = item.help ? `${id}-help` : undefined;
  const help = item.help ? (
    <p className="hint item-help" id={helpId}>
      {pick(item.help)}
    </p>
  ) : null;
  const label = (
    <>
      {pick(item.label)}
      <RequiredMark required={item.required} />
    </>
  );
  const wrap = (body: ReactNode) => (
    <div className={`checklist-item item-${item.type}${missing ? ' item-missing' : ''}`}>
      {body}
    </div>
  );

  switch (item.type) {
    case 'check':
      return wrap(
        <>
          <label className="tile check-tile">
            <input
              type="checkbox"
              checked={props.value === true}
              aria-describedby={helpId}
              aria-required={item.required || undefined}
              aria-invalid={missing || undefined}
              onChange={(e) => props.onChange(e.target.checked)}
            />
            <span className="tile-label">{label}</span>
          </label>
          {help}
        </>,
      );
    case 'choice':
      return wrap(
        <fieldset aria-describedby={helpId} aria-invalid={missing || undefined}>
          <legend>{label}</legend>
          {help}
          <ChoiceOptions {...props} item={item} name={id} />
        </fieldset>,
      );
    case 'scale':
      return wrap(
        item.max - item.min + 1 <= MAX_SCALE_BUTTONS ? (
          <fieldset aria-describedby={helpId} aria-invalid={missing || undefined}>
            <legend>{label}</legend>
            {help}
            <div className="scale" role="radiogroup" aria-label={pick(item.label)}>
              {range(item.min, item.max).map((n) => (
                <label key={n} className="scale-value">
                  <input
                    type="radio"
                    name={id}
                    checked={props.value === n}
                    onChange={() => props.onChange(n)}
                  />
                  <span>{n}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <div className="field">
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              type="number"
              min={item.min}
              max={item.max}
              step={1}
              value={typeof props.value === 'number' ? props.value : ''}
              aria-describedby={helpId}
              aria-required={item.required || undefined}
              aria-invalid={missing || undefined}
              onChange={(e) =>
                props.onChange(e.target.value === '' ? null : Math.round(Number(e.target.value)))
              }
            />
            {help}
          </div>
        ),
      );
    case 'short_text':
    case 'long_text':
    case 'date': {
      const common = {
        id,
        value: typeof props.value === 'string' ? props.value : '',
        'aria-describedby': helpId,
        'aria-required': item.required || undefined,
        'aria-invalid': missing || undefined,
      };
      return wrap(
        <div className="field">
          <label htmlFor={id}>{label}</label>
          {item.type === 'long_text' ? (
            <textarea {...common} rows={4} onChange={(e) => props.onChange(e.target.value)} />
          ) : (
            <input
              {...common}
              type={item.type === 'date' ? 'date' : 'text'}
              onChange={(e) => props.onChange(e.target.value)}
            />
          )}
          {help}
        </div>,
      );
    }
    case 'promise_vs_reality':
      return wrap(
        <fieldset aria-describedby={helpId} aria-invalid={missing || undefined}>
          <legend>{label}</legend>
          {help}
          <PromiseRealityRows
            value={props.value}
            benefits={props.benefits}
            noPurchase={props.noPurchase}
            name={id}
            onChange={props.onChange}
          />
        </fieldset>,
      );
  }
}

function range(min: number, max: number): number[] {
  const values: number[] = [];
  for (let n = min; n <= max; n++) values.push(n);
  return values;
}

function ChoiceOptions(
  props: ItemFieldProps & { item: Extract<ChecklistItem, { type: 'choice' }>; name: string },
) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { item, name } = props;
  const selected = chosen(props.value);
  const toggle = (key: string, on: boolean) => {
    if (!item.multiple) {
      props.onChange(on ? key : '');
      return;
    }
    const next = on
      ? [...selected.filter((k) => k !== key), key]
      : selected.filter((k) => k !== key);
    // Keep the template's order, so the stored answer does not depend on the order of clicks.
    props.onChange(item.options.map((o) => o.key).filter((k) => next.includes(k)));
  };
  return (
    <>
      <div className={`tiles${item.options.length > 6 ? ' tiles-wide' : ''}`}>
        {item.options.map((option) => {
          const optionHelp = option.help ? `${name}-${option.key}-help` : undefined;
          // Named by the option's label only; its help is the description, not part of the name.
          const optionLabel = `${name}-${option.key}-label`;
          return (
            <label key={option.key} className="tile">
              <input
                type={item.multiple ? 'checkbox' : 'radio'}
                name={name}
                value={option.key}
                checked={selected.includes(option.key)}
                aria-labelledby={optionLabel}
                aria-describedby={optionHelp}
                onChange={(e) => toggle(option.key, e.target.checked)}
              />
              <span className="tile-text">
                <span className="tile-label" id={optionLabel}>
                  {pick(option.label)}
                </span>
                {option.help && (
                  <span className="tile-help" id={optionHelp}>
                    {pick(option.help)}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {!item.multiple && !item.required && selected.length > 0 && (
        <button
          type="button"
          className="link-button clear-choice"
          onClick={() => props.onChange('')}
        >
          {t('visits.item.clearChoice')}
        </button>
      )}
    </>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a field's control needs so its label, hint and message are read out with it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  /** The schema's limit, so the control stops there (a `count` was given). */
  maxLength?: number;
}

/** The longest value a zod string schema takes (e.g. ClientSchema.shape.name), for `count`. */
export function maxLengthOf(schema: { maxLength?: number | null }): number {
  return schema.maxLength ?? Number.MAX_SAFE_INTEGER;
}

/** A date the rep most likely mistyped: before 1900 or after 2100 (a day as YYYY-MM-DD). */
export function implausibleYear(day: string): number | null {
  const year = Number(day.slice(0, 4));
  return /^\d{4}-\d\d-\d\d$/.test(day) && (year < 1900 || year > 2100) ? year : null;
}

/**
 * One labelled field: the label names the control, and the hint and the message under it are tied
 * to the control by id, so every form wires them the same way. An error marks the control invalid;
 * a warning only advises (the value is still saved). With `count`, the control stops at the
 * schema's limit and, near it, the field shows how many characters are left to use.
 */
export function Field({
  id,
  label,
  hint,
  error,
  warning,
  count,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  warning?: string;
  count?: { length: number; max: number };
  children: (control: ControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const message = error ?? warning;
  const near = count !== undefined && count.length >= count.max * 0.8;
  const describedBy = [
    hint ? `${id}-hint` : '',
    message ? `${id}-msg` : '',
    near ? `${id}-count` : '',
  ]
    .join(' ')
    .trim();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
        ...(count ? { maxLength: count.max } : {}),
      })}
      {near && (
        <p id={`${id}-count`} className="hint" aria-live="polite">
          {t('desktop.form.limit', { length: count.length, max: count.max })}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-msg`} className={error ? 'error' : 'warning'}>
          {message}
        </p>
      )}
    </div>
  );
}

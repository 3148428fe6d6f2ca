import type { ReactNode } from 'react';

/** What a field's control needs so its label, hint and message are read out with it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * One labelled field: the label names the control, and the hint and the message under it are tied
 * to the control by id, so every form wires them the same way. An error marks the control invalid;
 * a warning only advises (the value is still saved).
 */
export function Field({
  id,
  label,
  hint,
  error,
  warning,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  warning?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const message = error ?? warning;
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-msg` : ''].join(' ').trim();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
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

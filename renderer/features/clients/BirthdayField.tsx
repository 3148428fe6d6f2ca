import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A birthday as day, month and an optional year: people often tell the day but not the year,
 * and the app stores that as '--MM-DD'. Only a complete day and month make a value.
 */
export interface BirthdayParts {
  day: string;
  month: string;
  year: string;
}

export function partsOf(birthday: string | null): BirthdayParts {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday ?? '');
  if (!m) return { day: '', month: '', year: '' };
  return {
    day: String(Number(m[3])),
    month: String(Number(m[2])),
    year: m[1] === '-' ? '' : m[1]!,
  };
}

/** The stored form, null when empty; 'invalid' when the parts do not make a real day. */
export function birthdayOf(parts: BirthdayParts): string | null | 'invalid' {
  const { day, month, year } = parts;
  if (day.trim() === '' && month === '' && year.trim() === '') return null;
  const d = Number(day);
  const m = Number(month);
  if (!Number.isInteger(d) || !Number.isInteger(m) || m < 1 || m > 12 || d < 1) return 'invalid';
  const y = year.trim();
  if (y !== '' && !/^\d{4}$/.test(y)) return 'invalid';
  const checkYear = y === '' ? 2000 : Number(y);
  if (d > new Date(Date.UTC(checkYear, m, 0)).getUTCDate()) return 'invalid';
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  return y === '' ? `--${mm}-${dd}` : `${y}-${mm}-${dd}`;
}

interface Props {
  legend: string;
  value: BirthdayParts;
  onChange: (value: BirthdayParts) => void;
}

export function BirthdayField({ legend, value, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const invalid = birthdayOf(value) === 'invalid';
  const set = (key: keyof BirthdayParts) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  return (
    <fieldset className="birthday-field" aria-describedby={invalid ? `${id}-msg` : undefined}>
      <legend>{legend}</legend>
      <label>
        <span>{t('clients.birthday.day')}</span>
        <input
          inputMode="numeric"
          size={3}
          value={value.day}
          onChange={set('day')}
          aria-invalid={invalid || undefined}
        />
      </label>
      <label>
        <span>{t('clients.birthday.month')}</span>
        <select value={value.month} onChange={set('month')}>
          <option value="">—</option>
          {Array.from({ length: 12 }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {t(`clients.birthday.months.${i}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('clients.birthday.year')}</span>
        <input inputMode="numeric" size={5} value={value.year} onChange={set('year')} />
      </label>
      {invalid && (
        <p id={`${id}-msg`} className="error">
          {t('clients.errors.birthdayInvalid')}
        </p>
      )}
    </fieldset>
  );
}

/** Dates as the rep reads them, in the UI's language, through date-fns. */
import { format, parseISO } from 'date-fns';
import { DATE_LOCALES, type Language } from '../../i18n';

function localeOf(language: string) {
  return DATE_LOCALES[(language === 'en' ? 'en' : 'ru') as Language];
}

/**
 * A calendar day ('2024-05-12') as the locale writes it short (ru 12.05.2024, en 12/05/2024), or
 * a year-less birthday ('--05-12') in words (12 мая), which reads better without a year.
 */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '';
  if (day.startsWith('--')) {
    return format(parseISO(`2000${day.slice(1)}`), 'd MMMM', { locale: localeOf(language) });
  }
  return format(parseISO(day), 'P', { locale: localeOf(language) });
}

export function formatDateTime(timestamp: string, language: string): string {
  return format(parseISO(timestamp), 'P, HH:mm', { locale: localeOf(language) });
}

export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
      style: 'currency',
      currency,
      maximumFractionDigits: 2,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

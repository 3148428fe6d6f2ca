/** Calendar days ('YYYY-MM-DD') and timestamps worded in the rep's language by date-fns. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { format, parseISO } from 'date-fns';
import { DATE_LOCALES, type Language } from '../../i18n';

function localeOf(language: string) {
  return DATE_LOCALES[(language.startsWith('ru') ? 'ru' : 'en') as Language];
}

/** A day string is read as that calendar day (never shifted by the zone). */
export function formatDayIn(day: string, language: string, pattern = 'd MMM yyyy'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return format(new Date(y, m - 1, d), pattern, { locale: localeOf(language) });
}

export function useFormatDay(): (day: string, pattern?: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (day: string, pattern?: string) => formatDayIn(day, language, pattern),
    [language],
  );
}

export function useFormatTimestamp(): (timestamp: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (timestamp: string) =>
      format(parseISO(timestamp), 'd MMM yyyy, HH:mm', { locale: localeOf(language) }),
    [language],
  );
}

/**
 * Every date the rep reads, in one place: a few named styles, worded by date-fns in the UI's
 * language, so the same day reads the same on the client card, in a visit and in the agenda.
 * Machine formats (file names, ISO keys) are not made here.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { format, isValid, parseISO } from 'date-fns';
import { ru, enGB, type Locale } from 'date-fns/locale';

/** date-fns patterns; the examples are 24 November 2026, 14:05. */
export const DATE_STYLES = {
  /** 24 нояб. 2026 · 24 Nov 2026: a calendar day, the app's default. */
  withMonth: 'd MMM yyyy',
  /** 24 нояб. 2026, 14:05 · 24 Nov 2026, 14:05: a moment. */
  withTime: 'd MMM yyyy, HH:mm',
  /** 24.11.2026 · 24/11/2026: short numeric, where a column must stay narrow. */
  numeric: 'P',
  /** 24.11.2026, 14:05 · 24/11/2026, 14:05 */
  numericWithTime: 'P, HH:mm',
  /** 24 ноября · 24 November: a day without its year (birthdays). */
  dayAndMonth: 'd MMMM',
  /** вт, 24 нояб. · Tue, 24 Nov: a day of the coming weeks, with its weekday (greetings). */
  weekdayDay: 'EEE, d MMM',
  /** ноябрь 2026 · November 2026 */
  monthAndYear: 'LLLL yyyy',
  /** нояб. · Nov */
  monthShort: 'LLL',
  /** ноябрь · November: a month's name alone (a month picker). */
  monthName: 'LLLL',
  /** 14:05 */
  time: 'HH:mm',
} as const;

export type DateStyle = keyof typeof DATE_STYLES;

const LOCALES: Record<'ru' | 'en', Locale> = { ru, en: enGB };

/** Where Russian words a style differently: its short weekday is «вт», where 'EEE' gives «втр». */
const RU_PATTERNS: Partial<Record<DateStyle, string>> = { weekdayDay: 'EEEEEE, d MMM' };

/** The date-fns locale of a UI language: Russian for ru, British English otherwise. */
function dateLocale(language: string): Locale {
  return language.toLowerCase().startsWith('ru') ? LOCALES.ru : LOCALES.en;
}

/** A year-less day, as people's birthdays are kept: '--MM-DD'. */
const YEARLESS = /^--(\d{2})-(\d{2})$/;
/** A calendar day or a month: read as that day in any zone, never shifted. */
const CALENDAR = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

function toDate(value: string | number | Date): { date: Date; yearless: boolean } {
  if (value instanceof Date) return { date: value, yearless: false };
  if (typeof value === 'number') return { date: new Date(value), yearless: false };
  const yearless = YEARLESS.exec(value);
  // 2000 is a leap year, so 29 February is a birthday too.
  if (yearless) return { date: new Date(2000, +yearless[1]! - 1, +yearless[2]!), yearless: true };
  const calendar = CALENDAR.exec(value);
  if (calendar) {
    const [, y, m, d = '01'] = calendar;
    const date = new Date(+y!, +m! - 1, +d);
    // new Date rolls 31 April over to 1 May; such a day is not a day.
    return { date: date.getDate() === +d ? date : new Date(NaN), yearless: false };
  }
  return { date: parseISO(value), yearless: false };
}

/**
 * A day ('2026-11-24'), a month ('2026-11'), a year-less birthday ('--11-24'), a timestamp (ISO
 * with its offset, or epoch milliseconds) or a Date, in the given style and language. A year-less
 * day is always written as day and month. Empty gives ''; what is not a date is given back as is.
 */
export function formatDate(
  value: string | number | Date | null | undefined,
  style: DateStyle,
  language: string,
): string {
  if (value === null || value === undefined || value === '') return '';
  const { date, yearless } = toDate(value);
  if (!isValid(date)) return String(value);
  const locale = dateLocale(language);
  const named = yearless ? 'dayAndMonth' : style;
  const pattern = (locale === LOCALES.ru ? RU_PATTERNS[named] : undefined) ?? DATE_STYLES[named];
  return format(date, pattern, { locale });
}

/** formatDate bound to the UI's current language, for components. */
export function useFormatDate(): (
  value: string | number | Date | null | undefined,
  style?: DateStyle,
) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (value: string | number | Date | null | undefined, style: DateStyle = 'withMonth') =>
      formatDate(value, style, language),
    [language],
  );
}

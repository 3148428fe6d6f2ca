/** Report figures in the UI's language: 4,5 and 1 234 in Russian, 4.5 and 1,234 in English. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type FormatNumber = (value: number | null) => string;

export function numberFormatter(language: string): FormatNumber {
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  return (value) => (value === null ? '—' : number.format(value));
}

export function useFormatNumber(): FormatNumber {
  const { i18n } = useTranslation();
  return useMemo(() => numberFormatter(i18n.language), [i18n.language]);
}

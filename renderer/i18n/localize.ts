/** Template texts carry both languages; the screen shows the one the rep chose. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../shared/domain';

export type PickText = (text: LocalizedText | undefined) => string;

export function pickText(text: LocalizedText | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('ru') ? text.ru || text.en : text.en || text.ru;
}

export function useLocalized(): PickText {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((text: LocalizedText | undefined) => pickText(text, language), [language]);
}

/** UI preferences only (never a copy of the database); kept across restarts in localStorage. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n';

export type Theme = 'system' | 'light' | 'dark';

interface UiState {
  language: Language | null;
  theme: Theme;
  setLanguage: (language: Language) => void;
  setTheme: (theme: Theme) => void;
}

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      language: null,
      theme: 'system',
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
    }),
    { name: 'fieldbook.ui', version: 1 },
  ),
);

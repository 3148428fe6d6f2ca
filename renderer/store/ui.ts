/** UI preferences only (never a copy of the database); kept across restarts in localStorage. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n';

export type Theme = 'system' | 'light' | 'dark';

interface UiState {
  language: Language | null;
  theme: Theme;
  /**
   * Single-key shortcuts ("/" search, "n" new client) act only while this is on; a rep whose
   * speech input or stray keys set them off turns them off in Settings (WCAG 2.1.4).
   */
  singleKeyShortcuts: boolean;
  setLanguage: (language: Language) => void;
  setTheme: (theme: Theme) => void;
  setSingleKeyShortcuts: (on: boolean) => void;
}

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      language: null,
      theme: 'system',
      singleKeyShortcuts: true,
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
      setSingleKeyShortcuts: (singleKeyShortcuts) => set({ singleKeyShortcuts }),
    }),
    { name: 'fieldbook.ui', version: 1 },
  ),
);

/** Read inside a key handler: whether single-key shortcuts may act now. */
export function singleKeyShortcutsOn(): boolean {
  return useUi.getState().singleKeyShortcuts;
}

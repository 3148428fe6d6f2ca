/**
 * What a feature brings to the app (after VS Code's *.contribution.ts): its texts, the pages it
 * answers for, its place in the navigation. Each feature exports one from its feature.tsx; the
 * shell reads the list and knows none of their insides.
 */
import type { ReactNode } from 'react';
import type { Page, Route } from '../store/router';

export interface Texts {
  en: object;
  ru: object;
}

export interface FeatureContribution {
  /** Texts by where they mount: `clients` makes `t('clients.…')`; `clients.import` nests. */
  texts?: Record<string, Texts>;
  pages?: { [P in Page]?: (route: Extract<Route, { page: P }>) => ReactNode };
  /** The navigation entry, in the order the features are listed. */
  nav?: { page: Page; label: string; extra?: () => ReactNode };
  /** Pages reached from inside another section, which the navigation then highlights. */
  sectionOf?: Partial<Record<Page, Page>>;
  /** Shown at the end of the top bar for the app's life. */
  topbar?: () => ReactNode;
}

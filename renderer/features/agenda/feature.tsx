import type { FeatureContribution } from '../../ui/contribution';
import { AgendaNavCount } from './AgendaNavCount';
import { AgendaPage } from './AgendaPage';
import * as followups from './followupTexts';
import * as texts from './texts';

export const agendaFeature: FeatureContribution = {
  texts: { agenda: texts, followups },
  pages: { agenda: () => <AgendaPage /> },
  nav: { page: 'agenda', label: 'nav.agenda', extra: () => <AgendaNavCount /> },
};

import type { FeatureContribution } from '../../ui/contribution';
import { VisitsPage } from './VisitsPage';
import * as texts from './texts';

export const visitsFeature: FeatureContribution = {
  texts: { visits: texts },
  pages: { visits: (route) => <VisitsPage visitId={route.visitId} /> },
  nav: { page: 'visits', label: 'nav.visits' },
};

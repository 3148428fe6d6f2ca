import type { FeatureContribution } from '../../ui/contribution';
import { ReportPage } from './ReportPage';
import * as texts from './texts';

export const reportsFeature: FeatureContribution = {
  texts: { reports: texts },
  pages: { reports: () => <ReportPage /> },
  nav: { page: 'reports', label: 'nav.reports' },
};

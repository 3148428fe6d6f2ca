import type { FeatureContribution } from '../../ui/contribution';
import { SyncPage } from './SyncPage';
import { SyncStatusBadge } from './SyncStatusBadge';
import * as texts from './texts';

export const syncFeature: FeatureContribution = {
  texts: { sync: texts },
  pages: { sync: () => <SyncPage /> },
  nav: { page: 'sync', label: 'nav.sync' },
  topbar: () => <SyncStatusBadge />,
};

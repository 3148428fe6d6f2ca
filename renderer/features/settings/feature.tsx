import type { FeatureContribution } from '../../ui/contribution';
import { SettingsPage } from './SettingsPage';
import * as texts from './texts';

export const settingsFeature: FeatureContribution = {
  texts: { settings: texts },
  pages: { settings: () => <SettingsPage /> },
  nav: { page: 'settings', label: 'nav.settings' },
};

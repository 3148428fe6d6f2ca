import type { FeatureContribution } from '../../ui/contribution';
import { ImportPage } from './ImportPage';
import { enImport, ruImport } from './texts';

export const importFeature: FeatureContribution = {
  texts: { 'clients.import': { en: enImport, ru: ruImport } },
  pages: { import: () => <ImportPage /> },
  sectionOf: { import: 'clients' },
};

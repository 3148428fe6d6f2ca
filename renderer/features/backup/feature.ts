import type { FeatureContribution } from '../../ui/contribution';
import { enBackup, ruBackup } from './texts';

/** Backup has no page of its own: its section is mounted by Settings. */
export const backupFeature: FeatureContribution = {
  texts: { 'clients.backup': { en: enBackup, ru: ruBackup } },
};

import type { FeatureContribution } from '../../ui/contribution';
import { StorageWatch } from './StorageWatch';
import { enStorage, ruStorage } from './texts';

/** The storage watch in the top bar, and the words of the start check and the recovery. */
export const storageFeature: FeatureContribution = {
  texts: { storage: { en: enStorage, ru: ruStorage } },
  topbar: () => <StorageWatch />,
};

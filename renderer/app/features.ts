/**
 * The features the app is made of, in navigation order. Adding a feature is adding its
 * contribution here; the shell (App.tsx) and the texts (i18n.ts) read this list.
 */
import type { FeatureContribution } from '../ui/contribution';
import { clientsFeature } from '../features/clients/feature';
import { importFeature } from '../features/import/feature';
import { backupFeature } from '../features/backup/feature';
import { agendaFeature } from '../features/agenda/feature';
import { visitsFeature } from '../features/visits/feature';
import { reportsFeature } from '../features/reports/feature';
import { syncFeature } from '../features/sync/feature';
import { settingsFeature } from '../features/settings/feature';
import { programFeature } from '../features/program/feature';
import { storageFeature } from '../features/storage/feature';
import { teamFeature } from '../features/team/feature';

export const FEATURES: readonly FeatureContribution[] = [
  clientsFeature,
  importFeature,
  backupFeature,
  agendaFeature,
  visitsFeature,
  reportsFeature,
  syncFeature,
  settingsFeature,
  programFeature,
  storageFeature,
  teamFeature,
];

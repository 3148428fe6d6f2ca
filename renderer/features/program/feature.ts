import type { FeatureContribution } from '../../ui/contribution';
import * as texts from './texts';

/** The program has no page of its own: its section is mounted by Settings. */
export const programFeature: FeatureContribution = {
  texts: { program: texts },
};

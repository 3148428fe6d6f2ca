import type { FeatureContribution } from '../../ui/contribution';
import { TeamLink } from './TeamLink';
import { TeamPage } from './TeamPage';
import * as texts from './texts';
import './team.css';

/** The manager's team view: a page, and a top-bar link shown only to a signed-in manager. */
export const teamFeature: FeatureContribution = {
  texts: { team: texts },
  pages: {
    team: (route) => (
      <TeamPage key={route.repId ?? ''} {...(route.repId ? { repId: route.repId } : {})} />
    ),
  },
  topbar: () => <TeamLink />,
};

import type { FeatureContribution } from '../../ui/contribution';
import { ClientsPage } from './ClientsPage';
import { TrashPage } from './TrashPage';
import * as texts from './texts';

export const clientsFeature: FeatureContribution = {
  texts: { clients: texts },
  pages: { clients: (route) => <ClientsPage route={route} />, trash: () => <TrashPage /> },
  nav: { page: 'clients', label: 'nav.clients' },
  sectionOf: { trash: 'clients' },
};

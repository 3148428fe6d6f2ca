import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute, routeHref, type Page, type Route } from './router';
import { Toasts } from '../ui/Toasts';
import { useUi } from '../store/ui';
import { ClientsPage } from '../features/clients/ClientsPage';
import { TrashPage } from '../features/clients/TrashPage';
import { ImportPage } from '../features/import/ImportPage';
import { AgendaPage } from '../features/agenda/AgendaPage';
import { AgendaNavCount } from '../features/agenda/AgendaNavCount';
import { VisitsPage } from '../features/visits/VisitsPage';
import { ReportPage } from '../features/reports/ReportPage';
import { SyncPage } from '../features/sync/SyncPage';
import { SyncStatusBadge } from '../features/sync/SyncStatusBadge';
import { SettingsPage } from '../features/settings/SettingsPage';

const NAV: { page: Page; key: string; extra?: () => ReactNode }[] = [
  { page: 'clients', key: 'nav.clients' },
  { page: 'agenda', key: 'nav.agenda', extra: () => <AgendaNavCount /> },
  { page: 'visits', key: 'nav.visits' },
  { page: 'reports', key: 'nav.reports' },
  { page: 'sync', key: 'nav.sync' },
  { page: 'settings', key: 'nav.settings' },
];

function useThemeAttribute() {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'clients':
      return <ClientsPage route={route} />;
    case 'trash':
      return <TrashPage />;
    case 'import':
      return <ImportPage />;
    case 'agenda':
      return <AgendaPage />;
    case 'visits':
      return <VisitsPage visitId={route.visitId} />;
    case 'reports':
      return <ReportPage />;
    case 'sync':
      return <SyncPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

/** Pages reached from inside another section highlight that section in the navigation. */
const SECTION_OF: Partial<Record<Page, Page>> = { trash: 'clients', import: 'clients' };

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const section = SECTION_OF[route.page] ?? route.page;
  useThemeAttribute();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.navigation')}>
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.page}>
                <a
                  href={routeHref({ page: item.page } as Route)}
                  aria-current={section === item.page ? 'page' : undefined}
                >
                  {t(item.key)}
                  {item.extra?.()}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          <SyncStatusBadge />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <PageFor route={route} />
      </main>
      <Toasts />
    </div>
  );
}

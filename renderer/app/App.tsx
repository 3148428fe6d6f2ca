import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute, routeHref, type Route } from './router';
import { Toasts } from './Toasts';
import { ClientsPage } from '../features/clients/ClientsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ComingNextPage } from './ComingNextPage';
import { useUi } from '../store/ui';

const NAV: { page: Route['page']; key: string }[] = [
  { page: 'clients', key: 'nav.clients' },
  { page: 'agenda', key: 'nav.agenda' },
  { page: 'visits', key: 'nav.visits' },
  { page: 'sync', key: 'nav.sync' },
  { page: 'settings', key: 'nav.settings' },
];

function useThemeAttribute() {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
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
                  aria-current={route.page === item.page ? 'page' : undefined}
                >
                  {t(item.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'clients' && <ClientsPage route={route} />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'agenda' && <ComingNextPage titleKey="agenda.title" />}
        {route.page === 'visits' && <ComingNextPage titleKey="visits.title" />}
        {route.page === 'sync' && <ComingNextPage titleKey="sync.title" />}
      </main>
      <Toasts />
    </div>
  );
}

import { Fragment, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute, routeHref, type Page, type Route } from '../store/router';
import { Toasts } from '../ui/Toasts';
import { useUi } from '../store/ui';
import type { FeatureContribution } from '../ui/contribution';
import { FEATURES } from './features';

type PageRenderer = (route: Route) => ReactNode;

/** Each page to the feature that answers for it; the shell knows no feature's insides. */
const PAGES = Object.assign({}, ...FEATURES.map((f) => f.pages ?? {})) as Partial<
  Record<Page, PageRenderer>
>;
const NAV = FEATURES.flatMap((f) => (f.nav ? [f.nav] : []));
/** Pages reached from inside another section highlight that section in the navigation. */
const SECTION_OF: Partial<Record<Page, Page>> = Object.assign(
  {},
  ...FEATURES.map((f) => f.sectionOf ?? {}),
);
const TOPBAR = FEATURES.flatMap((f: FeatureContribution) => (f.topbar ? [f.topbar] : []));

function useThemeAttribute() {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

function PageFor({ route }: { route: Route }) {
  return PAGES[route.page]?.(route) ?? null;
}

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
                  {t(item.label)}
                  {item.extra?.()}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          {TOPBAR.map((show, i) => (
            <Fragment key={i}>{show()}</Fragment>
          ))}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <PageFor route={route} />
      </main>
      <Toasts />
    </div>
  );
}

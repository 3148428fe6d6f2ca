import { Fragment, useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
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

/**
 * Every route change puts the focus on the new page's heading, so keyboard and screen-reader users
 * land on what they opened. A page that placed the focus itself meanwhile (visit mode on its first
 * step) keeps it; a page still loading is waited for, up to about a second.
 */
function useFocusOnRouteChange(hash: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const trigger = document.activeElement;
    let placed: Element | null = null;
    let frames = 0;
    let handle = 0;
    const settle = () => {
      const main = document.getElementById('main');
      const active = document.activeElement;
      const untouched =
        !active ||
        active === document.body ||
        active === main ||
        active === trigger ||
        active === placed ||
        !main?.contains(active);
      if (!main || !untouched) return;
      // A page whose heading is not its first h1 (a client's card beside the list) marks it; it
      // may come a few frames after the page's h1 (the card loads), so the h1 holds the focus
      // until then.
      const marked = main.querySelector<HTMLElement>('[data-page-heading]');
      const heading = marked ?? main.querySelector<HTMLElement>('h1');
      if (heading && heading !== placed) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus();
        placed = heading;
      }
      if (!marked && ++frames < 60) handle = requestAnimationFrame(settle);
    };
    handle = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(handle);
  }, [hash]);
}

/** The skip link moves the focus to the content without touching the hash (the router's). */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function PageFor({ route }: { route: Route }) {
  return PAGES[route.page]?.(route) ?? null;
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const section = SECTION_OF[route.page] ?? route.page;
  useThemeAttribute();
  useFocusOnRouteChange(routeHref(route));

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
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

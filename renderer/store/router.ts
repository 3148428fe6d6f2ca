/** A tiny hash router: the app is a file in Electron, so the hash is the only safe place for routes. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'clients'; clientId?: string; isNew?: boolean }
  | { page: 'trash' }
  | { page: 'import' }
  | { page: 'agenda' }
  | { page: 'visits'; visitId?: string }
  | { page: 'reports' }
  | { page: 'team'; repId?: string }
  | { page: 'sync' }
  | { page: 'settings' };

export type Page = Route['page'];

const SIMPLE_PAGES = ['trash', 'import', 'agenda', 'reports', 'sync', 'settings'] as const;

function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [page, id] = parts;
  if ((SIMPLE_PAGES as readonly string[]).includes(page ?? '')) {
    return { page: page as (typeof SIMPLE_PAGES)[number] };
  }
  if (page === 'team') return id ? { page: 'team', repId: id } : { page: 'team' };
  if (page === 'visits') return id ? { page: 'visits', visitId: id } : { page: 'visits' };
  if (page === 'clients' && id === 'new') return { page: 'clients', isNew: true };
  if (page === 'clients' && id) return { page: 'clients', clientId: id };
  return { page: 'clients' };
}

export function routeHref(route: Route): string {
  if (route.page === 'clients') {
    if (route.isNew) return '#/clients/new';
    return route.clientId ? `#/clients/${encodeURIComponent(route.clientId)}` : '#/clients';
  }
  if (route.page === 'team' && route.repId) return `#/team/${encodeURIComponent(route.repId)}`;
  if (route.page === 'visits' && route.visitId)
    return `#/visits/${encodeURIComponent(route.visitId)}`;
  return `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** A tiny hash router: the app is a file in Electron, so the hash is the only safe place for routes. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'clients'; clientId?: string; isNew?: boolean }
  | { page: 'agenda' }
  | { page: 'visits' }
  | { page: 'sync' }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  switch (parts[0]) {
    case 'agenda':
    case 'visits':
    case 'sync':
    case 'settings':
      return { page: parts[0] };
    case 'clients':
      if (parts[1] === 'new') return { page: 'clients', isNew: true };
      return parts[1] ? { page: 'clients', clientId: parts[1] } : { page: 'clients' };
    default:
      return { page: 'clients' };
  }
}

export function routeHref(route: Route): string {
  if (route.page === 'clients') {
    if (route.isNew) return '#/clients/new';
    return route.clientId ? `#/clients/${route.clientId}` : '#/clients';
  }
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

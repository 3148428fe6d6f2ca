import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getDesktopApi } from '../../platform';
import { useToasts } from '../../store/toasts';

/** A map search for the address; null when there is no address to look for. */
export function mapsLink(address: string): string | null {
  const query = address.trim();
  return query ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}` : null;
}

/** Opens the map in the system browser through the desktop contract (never inside the app). */
export function OpenInMaps({ href }: { href: string }) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    getDesktopApi()
      .openExternal(href)
      .catch(() => toast(t('clients.errors.mapsFailed'), 'error'));
  };
  return (
    <a className="hint" href={href} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      {t('clients.form.openInMaps')}
    </a>
  );
}

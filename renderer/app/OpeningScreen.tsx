/**
 * What the window shows while the book opens. A usual start takes a fraction of a second and
 * shows nothing for a moment, then a line; the first start after an update prepares the book for
 * the new version (indexes and kept report data built from every row, about two minutes on a book of
 * 50k clients on a 2-core machine), and says so at once, so a rep does not take it for a hang.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const QUIET_MS = 800;

export function OpeningScreen({ upgrading }: { upgrading: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(upgrading);
  useEffect(() => {
    if (shown) return;
    const timer = setTimeout(() => setShown(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  if (!shown) return null;
  return (
    <main className="page page-narrow" role="status">
      <h1>{t(upgrading ? 'opening.upgradeTitle' : 'opening.title')}</h1>
      {upgrading && <p>{t('opening.upgrade')}</p>}
    </main>
  );
}

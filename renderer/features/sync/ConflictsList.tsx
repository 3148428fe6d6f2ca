import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnresolvedConflicts } from './data/useSync';
import { ConflictItem } from './ConflictItem';

/** Every value that lost a merge and waits for the rep: nothing disappears silently. */
export function ConflictsList() {
  const { t } = useTranslation();
  const ids = useId();
  const conflicts = useUnresolvedConflicts();

  return (
    <section aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('sync.conflicts.heading')}</h2>
      {conflicts !== undefined && conflicts.length === 0 && (
        <p className="muted">{t('sync.conflicts.none')}</p>
      )}
      {conflicts !== undefined && conflicts.length > 0 && (
        <>
          <p>{t('sync.conflicts.intro')}</p>
          <ul className="sync-list" aria-label={t('sync.conflicts.heading')}>
            {conflicts.map((conflict) => (
              <li key={conflict.id}>
                <ConflictItem conflict={conflict} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

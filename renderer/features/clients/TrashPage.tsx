import { useTranslation } from 'react-i18next';
import { routeHref } from '../../store/router';
import { useRepository } from '../../data/DataContext';
import { restoreClient, restoreRecord, TRASH_DAYS, type DependantTable } from './data/trash';
import { useTrashedClients, useTrashedRecords } from './data/useTrash';
import { useClientAccessRule } from './data/clientAccess';
import { useToasts } from '../../store/toasts';
import { formatDate } from '../../i18n/dates';
import './clients.css';

/** Trashed clients (with what went with them) and single records, restorable for 30 days. */
export function TrashPage() {
  const { t, i18n } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const clients = useTrashedClients();
  const records = useTrashedRecords();
  const access = useClientAccessRule();
  const lang = i18n.language;
  const what = (counts: Partial<Record<DependantTable, number>>) =>
    Object.entries(counts)
      .map(([table, count]) => t(`clients.trash.count.${table}`, { count }))
      .join(', ');

  return (
    <section className="page trash-page" aria-labelledby="trash-heading">
      <h1 id="trash-heading">{t('clients.trash.title')}</h1>
      <p className="muted">{t('clients.trash.intro', { days: TRASH_DAYS })}</p>
      <p>
        <a href={routeHref({ page: 'clients' })}>{t('clients.trash.back')}</a>
      </p>
      <h2>{t('clients.trash.clients')}</h2>
      {clients && clients.length === 0 && <p className="muted">{t('clients.trash.noClients')}</p>}
      <ul className="trash-list" aria-label={t('clients.trash.clients')}>
        {clients?.map(({ client, counts, restorable }) => {
          // A rep's client on a manager's device: the rep trashed it and only the rep restores it.
          const owner = access?.(client);
          return (
            <li key={client.id} className="trash-item">
              <div>
                <strong>{client.name}</strong>
                <div className="muted">
                  {t('clients.trash.deletedAt', {
                    when: formatDate(client.deletedAt!, 'withTime', lang),
                  })}
                  {Object.keys(counts).length > 0 &&
                    ` · ${t('clients.trash.with', { what: what(counts) })}`}
                </div>
              </div>
              {owner?.kind === 'view' ? (
                <span className="muted">
                  {owner.ownerName === null
                    ? t('clients.trash.colleaguesClient')
                    : t('clients.trash.ownersClient', { name: owner.ownerName })}
                </span>
              ) : restorable ? (
                <button
                  type="button"
                  aria-label={t('clients.trash.restoreNamed', { name: client.name })}
                  onClick={async () => {
                    await restoreClient(repo, client.id);
                    toast(t('clients.trash.restored', { name: client.name }));
                  }}
                >
                  {t('clients.trash.restore')}
                </button>
              ) : (
                <span className="muted">{t('clients.trash.expired', { days: TRASH_DAYS })}</span>
              )}
            </li>
          );
        })}
      </ul>
      <h2>{t('clients.trash.records')}</h2>
      {records && records.length === 0 && <p className="muted">{t('clients.trash.noRecords')}</p>}
      <ul className="trash-list" aria-label={t('clients.trash.records')}>
        {records?.map((r) => {
          const label = r.day !== null ? formatDate(r.day, 'withMonth', lang) : r.label;
          // A rep's record on a manager's device: restoring it is a change the server refuses.
          const recordOwner = access?.(r);
          return (
            <li key={`${r.table}-${r.id}`} className="trash-item">
              <div>
                <strong>{t(`clients.trash.kind.${r.table}`)}</strong>: {label || '—'}
                <div className="muted">
                  {r.clientName} ·{' '}
                  {t('clients.trash.deletedAt', {
                    when: formatDate(r.deletedAt, 'withTime', lang),
                  })}
                </div>
              </div>
              {recordOwner?.kind === 'view' ? (
                <span className="muted">
                  {recordOwner.ownerName === null
                    ? t('clients.trash.colleaguesRecord')
                    : t('clients.trash.ownersRecord', { name: recordOwner.ownerName })}
                </span>
              ) : r.restorable ? (
                <button
                  type="button"
                  aria-label={t('clients.trash.restoreRecord', {
                    kind: t(`clients.trash.kind.${r.table}`),
                    label,
                  })}
                  onClick={async () => {
                    await restoreRecord(repo, r.table, r.id);
                    toast(t('clients.trash.recordRestored'));
                  }}
                >
                  {t('clients.trash.restore')}
                </button>
              ) : (
                <span className="muted">{t('clients.trash.expired', { days: TRASH_DAYS })}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useData } from '../../app/DataContext';
import { navigate, type Route } from '../../app/router';
import { listClientRows, loadClient } from '../../data/clients';
import { useToasts } from '../../store/toasts';
import { ClientList } from './ClientList';
import { ClientForm } from './ClientForm';

export function ClientsPage({ route }: { route: Extract<Route, { page: 'clients' }> }) {
  const { t, i18n } = useTranslation();
  const { db, repo } = useData();
  const toast = useToasts((s) => s.show);
  const rows = useLiveQuery(() => listClientRows(db, i18n.language), [db, i18n.language]);
  const selected = useLiveQuery(
    async () => (route.clientId ? ((await loadClient(db, route.clientId)) ?? null) : null),
    [db, route.clientId],
  );

  const open = (clientId: string) => navigate({ page: 'clients', clientId });
  const close = () => navigate({ page: 'clients' });

  return (
    <div className="split">
      <section className="list-pane" aria-labelledby="clients-heading">
        <div className="pane-header">
          <h1 id="clients-heading">{t('clients.title')}</h1>
          <button
            type="button"
            className="primary"
            onClick={() => navigate({ page: 'clients', isNew: true })}
          >
            {t('clients.new')}
          </button>
        </div>
        {rows && <p className="muted count">{t('clients.count', { count: rows.length })}</p>}
        {rows && <ClientList rows={rows} selectedId={route.clientId} onOpen={open} />}
      </section>
      <section className="detail-pane">
        {route.isNew && <ClientForm key="new" onSaved={open} onCancel={close} />}
        {route.clientId && selected && (
          <>
            <ClientForm
              key={selected.client.id}
              client={selected.client}
              person={selected.person}
              onSaved={open}
              onCancel={close}
            />
            <div className="actions danger-zone">
              <button
                type="button"
                onClick={async () => {
                  await repo.trash('clients', selected.client.id);
                  toast(t('clients.form.trashed'));
                  close();
                }}
              >
                {t('clients.form.trash')}
              </button>
            </div>
          </>
        )}
        {!route.isNew && !route.clientId && (
          <p className="muted empty">{t('clients.selectHint')}</p>
        )}
      </section>
    </div>
  );
}

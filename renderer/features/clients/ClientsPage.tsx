import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, routeHref, type Route } from '../../store/router';
import { localToday, selectClients } from './data/clientQueries';
import { useClientList } from '../../store/clientList';
import { singleKeyShortcutsOn } from '../../store/ui';
import { ClientList } from './ClientList';
import { ClientForm } from './ClientForm';
import { ClientCard } from './ClientCard';
import { ClientFilters } from './ClientFilters';
import { ExportButton } from './ExportButton';
import { useClientBook } from './data/useClientBook';
import { healthScoreOf } from './health';
import './clients.css';

/** A key typed into a text field belongs to the field, not to the page's shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? '');
}

export function ClientsPage({ route }: { route: Extract<Route, { page: 'clients' }> }) {
  const { t, i18n } = useTranslation();
  const { book, version } = useClientBook();
  const { sort, filters } = useClientList();
  const [query, setQuery] = useState('');
  // The box answers every keystroke; the list follows when React has time, so typing never waits.
  const deferredQuery = useDeferredValue(query.trim());
  const searchRef = useRef<HTMLInputElement>(null);
  const today = localToday();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (!singleKeyShortcutsOn()) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.code === 'KeyN' || event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        navigate({ page: 'clients', isNew: true });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const search = useMemo(
    () => (deferredQuery === '' ? null : book.search(deferredQuery)),
    // `version` changes whenever the book does, so results follow every write.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [book, version, deferredQuery],
  );
  const rows = useMemo(
    () =>
      selectClients(book.list(), {
        filters,
        sort,
        today,
        locale: i18n.language,
        search,
        healthScore: (s) => healthScoreOf(s, today),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [book, version, filters, sort, today, i18n.language, search],
  );
  const open = (clientId: string) => navigate({ page: 'clients', clientId });
  // Each ask opens a fresh card with the contact form, also for the client already shown.
  const [logAsk, setLogAsk] = useState<{ clientId: string; n: number } | null>(null);
  const logContact = (clientId: string) => {
    setLogAsk((ask) => ({ clientId, n: (ask?.n ?? 0) + 1 }));
    open(clientId);
  };
  const close = () => navigate({ page: 'clients' });
  const filtered =
    filters.attention.length +
      filters.statuses.length +
      filters.tags.length +
      filters.owners.length >
    0;
  // The first screen of names shows only for the plain list; filters and searches wait for all.
  const loading =
    book.phase === 'starting' ||
    (book.phase === 'preview' && (filtered || sort !== 'name' || search !== null));
  const preview = book.phase === 'preview';
  const countingFacts = book.phase === 'list' && (filters.attention.length > 0 || sort !== 'name');

  return (
    <div className="split">
      <section className="list-pane" aria-labelledby="clients-heading">
        <div className="pane-header">
          <h1 id="clients-heading">{t('clients.title')}</h1>
          <button
            type="button"
            className="primary"
            aria-keyshortcuts="N"
            onClick={() => navigate({ page: 'clients', isNew: true })}
          >
            {t('clients.new')}
          </button>
        </div>
        <div className="client-search">
          <label htmlFor="client-search" className="sr-only">
            {t('clients.search.label')}
          </label>
          <input
            id="client-search"
            className="input-edge"
            ref={searchRef}
            type="search"
            value={query}
            placeholder={t('clients.search.placeholder')}
            aria-keyshortcuts="/"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setQuery('');
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLElement>('.client-list')?.focus();
              }
            }}
          />
          {!book.searchReady && <p className="hint">{t('clients.search.indexing')}</p>}
        </div>
        <ClientFilters summaries={book.list()} />
        <div className="list-tools">
          <p className="muted count" aria-live="polite">
            {loading || preview
              ? t('clients.loading')
              : book.phase === 'failed'
                ? t('clients.loadFailed')
                : search
                  ? t('clients.search.found', { count: rows.length })
                  : t('clients.count', { count: rows.length })}
            {countingFacts && ` · ${t('clients.countingFacts')}`}
          </p>
          <span className="list-links">
            <ExportButton rows={rows} />
            <a href={routeHref({ page: 'import' })}>{t('clients.links.import')}</a>
            <a href={routeHref({ page: 'trash' })}>{t('clients.links.trash')}</a>
          </span>
        </div>
        {!loading && (
          <ClientList
            rows={rows}
            hits={search?.hits ?? null}
            terms={search?.queryTerms ?? []}
            today={today}
            selectedId={route.clientId}
            onOpen={open}
            onLogContact={logContact}
            emptyText={search || filtered ? t('clients.noMatches') : t('clients.empty')}
          />
        )}
      </section>
      <section className="detail-pane" aria-label={t('clients.detailLabel')}>
        {route.isNew && <ClientForm key="new" onSaved={open} onCancel={close} />}
        {route.clientId && (
          <ClientCard
            key={`${route.clientId}-${logAsk?.clientId === route.clientId ? logAsk.n : 0}`}
            clientId={route.clientId}
            logContact={logAsk?.clientId === route.clientId}
          />
        )}
        {!route.isNew && !route.clientId && (
          <p className="muted empty">{t('clients.selectHint')}</p>
        )}
      </section>
    </div>
  );
}

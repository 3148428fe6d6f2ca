import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnerName } from '../sync';
import { CLIENT_STATUSES } from '../../../shared/domain';
import { facetsOf } from './data/clientQueries';
import type { ClientSummary } from './data/clientSummary';
import { ATTENTION_FILTERS, CLIENT_SORTS, useClientList } from '../../store/clientList';

/** Sort choice and the filter panel; both remembered across restarts (store/clientList). */
export function ClientFilters({ summaries }: { summaries: readonly ClientSummary[] }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const list = useClientList();
  const { filters } = list;
  const facets = useMemo(() => facetsOf(summaries, i18n.language), [summaries, i18n.language]);
  const active =
    filters.statuses.length +
    filters.tags.length +
    filters.owners.length +
    filters.attention.length;

  return (
    <div className="client-filters">
      <div className="filter-bar">
        <label htmlFor={`${ids}-sort`}>{t('clients.sort.label')}</label>
        <select
          id={`${ids}-sort`}
          value={list.sort}
          onChange={(e) => list.setSort(e.target.value as (typeof CLIENT_SORTS)[number])}
        >
          {CLIENT_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`clients.sort.${s}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${ids}-panel`}
          onClick={() => setOpen((o) => !o)}
        >
          {active > 0
            ? t('clients.filters.buttonActive', { count: active })
            : t('clients.filters.button')}
        </button>
        {active > 0 && (
          <button type="button" className="link-button" onClick={list.clearFilters}>
            {t('clients.filters.clear')}
          </button>
        )}
      </div>
      <div id={`${ids}-panel`} className="filter-panel" hidden={!open}>
        <fieldset>
          <legend>{t('clients.filters.attention')}</legend>
          {ATTENTION_FILTERS.map((a) => (
            <label key={a} className="check">
              <input
                type="checkbox"
                checked={filters.attention.includes(a)}
                onChange={() => list.toggleAttention(a)}
              />
              {t(`clients.filters.${a}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('clients.status.label')}</legend>
          {CLIENT_STATUSES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={filters.statuses.includes(s)}
                onChange={() => list.toggleStatus(s)}
              />
              {t(`clients.status.${s}`)}
            </label>
          ))}
        </fieldset>
        {facets.tags.length > 0 && (
          <fieldset>
            <legend>{t('clients.form.tags')}</legend>
            {facets.tags.map((tag) => (
              <label key={tag} className="check">
                <input
                  type="checkbox"
                  checked={filters.tags.includes(tag)}
                  onChange={() => list.toggleTag(tag)}
                />
                {tag}
              </label>
            ))}
          </fieldset>
        )}
        {facets.owners.length > 1 && (
          <fieldset>
            <legend>{t('clients.filters.owner')}</legend>
            {facets.owners.map((owner) => (
              <label key={owner} className="check">
                <input
                  type="checkbox"
                  checked={filters.owners.includes(owner)}
                  onChange={() => list.toggleOwner(owner)}
                />
                <OwnerName userId={owner} />
              </label>
            ))}
          </fieldset>
        )}
      </div>
    </div>
  );
}

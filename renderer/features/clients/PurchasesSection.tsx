import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '../../../shared/domain';
import { useRepository } from '../../data/DataContext';
import { localToday } from './data/clientQueries';
import { useToasts } from '../../store/toasts';
import { PurchaseForm } from './PurchaseForm';
import { MILESTONES } from './purchaseFormValues';
import { formatMoney } from '../../i18n/money';
import { formatDate } from '../../i18n/dates';
import { isLive } from '../../../shared/domain/common';

interface Props {
  clientId: string;
  purchases: readonly Purchase[];
  /** A rep's client on a manager's device: shown, never changed. */
  readOnly?: boolean;
}

/** Purchases newest first: what was bought, the promises, and where each follow-through stands. */
export function PurchasesSection({ clientId, purchases, readOnly = false }: Props) {
  const { t, i18n } = useTranslation();
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const lang = i18n.language;
  const today = localToday();
  const live = purchases.filter((p) => isLive(p)).sort((a, b) => b.date.localeCompare(a.date));

  return (
    <section className="card-section" aria-labelledby="purchases-heading">
      <div className="section-header">
        <h3 id="purchases-heading">{t('clients.purchases.title')}</h3>
        {editing === null && !readOnly && (
          <button type="button" onClick={() => setEditing('new')}>
            {t('clients.purchases.add')}
          </button>
        )}
      </div>
      {editing === 'new' && <PurchaseForm clientId={clientId} onDone={() => setEditing(null)} />}
      {live.length === 0 && editing !== 'new' && (
        <p className="muted">{t('clients.purchases.none')}</p>
      )}
      <ul className="purchases">
        {live.map((p) =>
          editing === p.id ? (
            <li key={p.id}>
              <PurchaseForm clientId={clientId} purchase={p} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id} className="purchase">
              <div className="purchase-head">
                <strong>{formatDate(p.date, 'withMonth', lang)}</strong> ·{' '}
                {formatMoney(p.total.amount, p.total.currency, lang)}
              </div>
              {p.items.length > 0 && (
                <div>
                  {p.items
                    .map((i) => (i.quantity === 1 ? i.name : `${i.name} × ${i.quantity}`))
                    .join(', ')}
                </div>
              )}
              {p.promisedBenefits.length > 0 && (
                <div>
                  {t('clients.purchases.benefits')}:{' '}
                  {p.promisedBenefits.map((b) => b.text).join('; ')}
                </div>
              )}
              <ul className="milestone-states">
                {MILESTONES.map((m) => {
                  const { due, done } = p[m];
                  if (!due && !done) return null;
                  const late = !done && due !== null && due < today;
                  return (
                    <li key={m} className={late ? 'overdue' : done ? 'done' : ''}>
                      {t(`clients.purchases.milestone.${m}`)}:{' '}
                      {done
                        ? t('clients.purchases.doneOn', {
                            day: formatDate(done, 'withMonth', lang),
                          })
                        : late
                          ? t('clients.purchases.overdueSince', {
                              day: formatDate(due, 'withMonth', lang),
                            })
                          : t('clients.purchases.dueOn', {
                              day: formatDate(due, 'withMonth', lang),
                            })}
                    </li>
                  );
                })}
              </ul>
              {(p.warrantyEnd || p.serviceContract.active) && (
                <div className="muted">
                  {p.warrantyEnd &&
                    t('clients.purchases.warrantyUntil', {
                      day: formatDate(p.warrantyEnd, 'withMonth', lang),
                    })}
                  {p.warrantyEnd && p.serviceContract.active && ' · '}
                  {p.serviceContract.active &&
                    (p.serviceContract.until
                      ? t('clients.purchases.contractUntilDay', {
                          day: formatDate(p.serviceContract.until, 'withMonth', lang),
                        })
                      : t('clients.purchases.contractActive'))}
                </div>
              )}
              {p.crossSell.length > 0 && (
                <div className="muted">
                  {t('clients.purchases.crossSell')}:{' '}
                  {p.crossSell.map((k) => t(`clients.purchases.cross.${k}`)).join(', ')}
                </div>
              )}
              {!readOnly && (
                <div className="actions">
                  <button type="button" onClick={() => setEditing(p.id)}>
                    {t('clients.purchases.edit')}
                  </button>
                  <button
                    type="button"
                    onClick={async () => {
                      await repo.trash('purchases', p.id);
                      toast(t('clients.purchases.trashed'));
                    }}
                  >
                    {t('clients.purchases.trash')}
                  </button>
                </div>
              )}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CROSS_SELL_KINDS, type Purchase } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { useData } from '../../app/DataContext';
import { emptyPurchaseDraft, purchaseFromDraft, type PurchaseFormDraft } from './purchaseDraft';
import { MilestonesTable } from './MilestonesTable';
import { useToasts } from '../../store/toasts';
import { FormFooter } from '../../app/FormFooter';

const CURRENCIES = ['RUB', 'EUR', 'USD', 'KZT', 'BYN', 'CNY'];

interface Props {
  clientId: string;
  purchase?: Purchase;
  onDone: () => void;
}

let nextKey = 1;

/** What was bought, what was promised, and every follow-through step with its dates. */
export function PurchaseForm({ clientId, purchase, onDone }: Props) {
  const { t } = useTranslation();
  const { repo } = useData();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const [draft, setDraft] = useState<PurchaseFormDraft>(() => emptyPurchaseDraft(purchase));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const field = (key: string) => `${ids}-${key}`;
  const set = <K extends keyof PurchaseFormDraft>(key: K, value: PurchaseFormDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const built = purchaseFromDraft(draft, clientId);
    if (typeof built === 'string') return setError(t(built));
    setSaving(true);
    setError(null);
    try {
      if (purchase) await repo.update('purchases', purchase.id, built);
      else await repo.create('purchases', built);
      toast(t('clients.purchases.saved'));
      onDone();
    } catch (e) {
      setError(t('clients.errors.saveFailed', { reason: (e as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="purchase-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('clients.purchases.formLabel')}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={field('date')}>{t('clients.purchases.date')}</label>
          <input
            id={field('date')}
            type="date"
            value={draft.date}
            onChange={(e) => set('date', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={field('amount')}>{t('clients.purchases.amount')}</label>
          <input
            id={field('amount')}
            inputMode="decimal"
            value={draft.amount}
            onChange={(e) => set('amount', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={field('currency')}>{t('clients.purchases.currency')}</label>
          <select
            id={field('currency')}
            value={draft.currency}
            onChange={(e) => set('currency', e.target.value)}
          >
            {[...new Set([draft.currency, ...CURRENCIES])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>

      <fieldset>
        <legend>{t('clients.purchases.items')}</legend>
        {draft.items.map((item, i) => (
          <div key={item.key} className="repeat-row">
            <input
              aria-label={t('clients.purchases.itemName', { n: i + 1 })}
              value={item.name}
              onChange={(e) =>
                set(
                  'items',
                  draft.items.map((x) => (x.key === item.key ? { ...x, name: e.target.value } : x)),
                )
              }
            />
            <input
              aria-label={t('clients.purchases.itemQuantity', { n: i + 1 })}
              inputMode="decimal"
              size={4}
              value={item.quantity}
              onChange={(e) =>
                set(
                  'items',
                  draft.items.map((x) =>
                    x.key === item.key ? { ...x, quantity: e.target.value } : x,
                  ),
                )
              }
            />
            <input
              aria-label={t('clients.purchases.itemPrice', { n: i + 1 })}
              inputMode="decimal"
              size={8}
              value={item.unitPrice}
              onChange={(e) =>
                set(
                  'items',
                  draft.items.map((x) =>
                    x.key === item.key ? { ...x, unitPrice: e.target.value } : x,
                  ),
                )
              }
            />
            <button
              type="button"
              className="link-button"
              onClick={() =>
                set(
                  'items',
                  draft.items.filter((x) => x.key !== item.key),
                )
              }
            >
              {t('clients.purchases.removeItem', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set('items', [
              ...draft.items,
              { key: nextKey++, name: '', quantity: '1', unitPrice: '' },
            ])
          }
        >
          {t('clients.purchases.addItem')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('clients.purchases.benefits')}</legend>
        <p className="hint">{t('clients.purchases.benefitsHint')}</p>
        {draft.benefits.map((b, i) => (
          <div key={b.id} className="repeat-row">
            <input
              aria-label={t('clients.purchases.benefit', { n: i + 1 })}
              value={b.text}
              onChange={(e) =>
                set(
                  'benefits',
                  draft.benefits.map((x) => (x.id === b.id ? { ...x, text: e.target.value } : x)),
                )
              }
            />
            <button
              type="button"
              className="link-button"
              onClick={() =>
                set(
                  'benefits',
                  draft.benefits.filter((x) => x.id !== b.id),
                )
              }
            >
              {t('clients.purchases.removeBenefit', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set('benefits', [...draft.benefits, { id: uuidv7(), text: '' }])}
        >
          {t('clients.purchases.addBenefit')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('clients.purchases.followThrough')}</legend>
        <MilestonesTable
          milestones={draft.milestones}
          onChange={(milestones) => set('milestones', milestones)}
        />
        <div className="field-row">
          <div className="field">
            <label htmlFor={field('warranty')}>{t('clients.purchases.warrantyEnd')}</label>
            <input
              id={field('warranty')}
              type="date"
              value={draft.warrantyEnd}
              onChange={(e) => set('warrantyEnd', e.target.value)}
            />
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('clients.purchases.serviceContract')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.contractActive}
            onChange={(e) => set('contractActive', e.target.checked)}
          />
          {t('clients.purchases.contractActive')}
        </label>
        <div className="field-row">
          <div className="field">
            <label htmlFor={field('until')}>{t('clients.purchases.contractUntil')}</label>
            <input
              id={field('until')}
              type="date"
              value={draft.contractUntil}
              onChange={(e) => set('contractUntil', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={field('cnote')}>{t('clients.purchases.contractNote')}</label>
            <input
              id={field('cnote')}
              value={draft.contractNote}
              onChange={(e) => set('contractNote', e.target.value)}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className="inline-choice">
        <legend>{t('clients.purchases.crossSell')}</legend>
        {CROSS_SELL_KINDS.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={draft.crossSell.includes(k)}
              onChange={() =>
                set(
                  'crossSell',
                  draft.crossSell.includes(k)
                    ? draft.crossSell.filter((x) => x !== k)
                    : [...draft.crossSell, k],
                )
              }
            />
            {t(`clients.purchases.cross.${k}`)}
          </label>
        ))}
      </fieldset>

      <FormFooter
        error={error}
        saving={saving}
        saveLabel={t('clients.purchases.save')}
        onCancel={onDone}
      />
    </form>
  );
}

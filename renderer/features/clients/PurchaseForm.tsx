import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CROSS_SELL_KINDS, type Purchase } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { useRepository } from '../../data/DataContext';
import {
  purchaseFormValues,
  purchaseFromFormValues,
  type PurchaseFormValues,
} from './purchaseFormValues';
import { MilestonesTable } from './MilestonesTable';
import { useToasts } from '../../store/toasts';
import { FormFooter } from '../../ui/FormFooter';
import { Field, implausibleYear } from '../../ui/Field';
import { useAction } from '../../ui/useAction';

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
  const repo = useRepository();
  const toast = useToasts((s) => s.show);
  const ids = useId();
  const [values, setValues] = useState<PurchaseFormValues>(() => purchaseFormValues(purchase));
  const save = useAction((e) => t('clients.errors.saveFailed', { reason: (e as Error).message }));
  const field = (key: string) => `${ids}-${key}`;
  // A date before 1900 or after 2100 is saved only once the rep confirms it (a second Save).
  const [confirmedDate, setConfirmedDate] = useState<string | null>(null);
  const oddYear = implausibleYear(values.date);
  const set = <K extends keyof PurchaseFormValues>(key: K, value: PurchaseFormValues[K]) =>
    setValues((d) => ({ ...d, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const built = purchaseFromFormValues(values, clientId);
    if (typeof built === 'string') return save.fail(t(built));
    if (oddYear !== null && confirmedDate !== values.date) {
      setConfirmedDate(values.date);
      return save.fail(t('desktop.form.implausibleDate', { year: oddYear }));
    }
    await save.run(async () => {
      if (purchase) await repo.update('purchases', purchase.id, built);
      else await repo.create('purchases', built);
      toast(t('clients.purchases.saved'));
      onDone();
    });
  };

  return (
    <form
      className="purchase-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('clients.purchases.formLabel')}
    >
      <div className="field-row">
        <Field
          id={field('date')}
          label={t('clients.purchases.date')}
          warning={
            oddYear !== null ? t('desktop.form.implausibleDate', { year: oddYear }) : undefined
          }
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={values.date}
              onChange={(e) => set('date', e.target.value)}
            />
          )}
        </Field>
        <Field id={field('amount')} label={t('clients.purchases.amount')}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={values.amount}
              onChange={(e) => set('amount', e.target.value)}
            />
          )}
        </Field>
        <Field id={field('currency')} label={t('clients.purchases.currency')}>
          {(control) => (
            <select
              {...control}
              value={values.currency}
              onChange={(e) => set('currency', e.target.value)}
            >
              {[...new Set([values.currency, ...CURRENCIES])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <fieldset>
        <legend>{t('clients.purchases.items')}</legend>
        {values.items.map((item, i) => (
          <div key={item.key} className="repeat-row">
            <input
              aria-label={t('clients.purchases.itemName', { n: i + 1 })}
              value={item.name}
              onChange={(e) =>
                set(
                  'items',
                  values.items.map((x) =>
                    x.key === item.key ? { ...x, name: e.target.value } : x,
                  ),
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
                  values.items.map((x) =>
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
                  values.items.map((x) =>
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
                  values.items.filter((x) => x.key !== item.key),
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
              ...values.items,
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
        {values.benefits.map((b, i) => (
          <div key={b.id} className="repeat-row">
            <input
              aria-label={t('clients.purchases.benefit', { n: i + 1 })}
              value={b.text}
              onChange={(e) =>
                set(
                  'benefits',
                  values.benefits.map((x) => (x.id === b.id ? { ...x, text: e.target.value } : x)),
                )
              }
            />
            <button
              type="button"
              className="link-button"
              onClick={() =>
                set(
                  'benefits',
                  values.benefits.filter((x) => x.id !== b.id),
                )
              }
            >
              {t('clients.purchases.removeBenefit', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set('benefits', [...values.benefits, { id: uuidv7(), text: '' }])}
        >
          {t('clients.purchases.addBenefit')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('clients.purchases.followThrough')}</legend>
        <MilestonesTable
          milestones={values.milestones}
          onChange={(milestones) => set('milestones', milestones)}
        />
        <div className="field-row">
          <Field id={field('warranty')} label={t('clients.purchases.warrantyEnd')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={values.warrantyEnd}
                onChange={(e) => set('warrantyEnd', e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('clients.purchases.serviceContract')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={values.contractActive}
            onChange={(e) => set('contractActive', e.target.checked)}
          />
          {t('clients.purchases.contractActive')}
        </label>
        <div className="field-row">
          <Field id={field('until')} label={t('clients.purchases.contractUntil')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={values.contractUntil}
                onChange={(e) => set('contractUntil', e.target.value)}
              />
            )}
          </Field>
          <Field id={field('cnote')} label={t('clients.purchases.contractNote')}>
            {(control) => (
              <input
                {...control}
                value={values.contractNote}
                onChange={(e) => set('contractNote', e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="inline-choice">
        <legend>{t('clients.purchases.crossSell')}</legend>
        {CROSS_SELL_KINDS.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={values.crossSell.includes(k)}
              onChange={() =>
                set(
                  'crossSell',
                  values.crossSell.includes(k)
                    ? values.crossSell.filter((x) => x !== k)
                    : [...values.crossSell, k],
                )
              }
            />
            {t(`clients.purchases.cross.${k}`)}
          </label>
        ))}
      </fieldset>

      <FormFooter
        error={save.error}
        saving={save.busy}
        saveLabel={t('clients.purchases.save')}
        onCancel={onDone}
      />
    </form>
  );
}

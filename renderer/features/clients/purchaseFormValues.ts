/**
 * The purchase form's text fields and the purchase record they make. Kept apart from the form so
 * the conversion (numbers with commas, empty dates, blank rows) is tested without a screen.
 */
import {
  isCalendarDay,
  type CROSS_SELL_KINDS,
  type Milestone,
  type Purchase,
} from '../../../shared/domain';
import type { Editable } from '../../data/repository';

export const MILESTONES = ['delivery', 'installation', 'training', 'payment'] as const;
type MilestoneKey = (typeof MILESTONES)[number];

export interface PurchaseFormValues {
  date: string;
  amount: string;
  currency: string;
  items: { key: number; name: string; quantity: string; unitPrice: string }[];
  benefits: { id: string; text: string }[];
  milestones: Record<MilestoneKey, Milestone>;
  warrantyEnd: string;
  contractActive: boolean;
  contractUntil: string;
  contractNote: string;
  crossSell: (typeof CROSS_SELL_KINDS)[number][];
}

let nextKey = 1_000_000;

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function purchaseFormValues(purchase?: Purchase): PurchaseFormValues {
  return {
    date: purchase?.date ?? today(),
    amount: purchase ? String(purchase.total.amount) : '',
    currency: purchase?.total.currency ?? 'RUB',
    items: (purchase?.items ?? [{ name: '', quantity: 1, unitPrice: null }]).map((i) => ({
      key: nextKey++,
      name: i.name,
      quantity: String(i.quantity),
      unitPrice: i.unitPrice === null ? '' : String(i.unitPrice),
    })),
    benefits: purchase?.promisedBenefits.map((b) => ({ ...b })) ?? [],
    milestones: {
      delivery: purchase?.delivery ?? { due: null, done: null },
      installation: purchase?.installation ?? { due: null, done: null },
      training: purchase?.training ?? { due: null, done: null },
      payment: purchase?.payment ?? { due: null, done: null },
    },
    warrantyEnd: purchase?.warrantyEnd ?? '',
    contractActive: purchase?.serviceContract.active ?? false,
    contractUntil: purchase?.serviceContract.until ?? '',
    contractNote: purchase?.serviceContract.note ?? '',
    crossSell: purchase ? [...purchase.crossSell] : [],
  };
}

/** "1 234,50" and "1234.5" are both numbers a rep types; an empty field is null. */
function parseAmount(text: string): number | null | 'invalid' {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  const n = Number(cleaned);
  return Number.isFinite(n) && n >= 0 ? n : 'invalid';
}

const dayOrNull = (value: string | null): string | null =>
  value && value.trim() !== '' ? value.trim() : null;

/** The purchase the values describes, or the i18n key of the first thing to fix. */
export function purchaseFromFormValues(
  values: PurchaseFormValues,
  clientId: string,
): Editable<'purchases'> | string {
  if (!isCalendarDay(values.date)) return 'clients.errors.purchaseDateRequired';
  const amount = parseAmount(values.amount);
  if (amount === 'invalid') return 'clients.errors.amountInvalid';
  const items: Purchase['items'] = [];
  for (const item of values.items) {
    if (item.name.trim() === '' && item.unitPrice.trim() === '') continue;
    const quantity = parseAmount(item.quantity);
    const unitPrice = parseAmount(item.unitPrice);
    if (item.name.trim() === '') return 'clients.errors.itemNameRequired';
    if (quantity === 'invalid' || quantity === 0 || unitPrice === 'invalid') {
      return 'clients.errors.amountInvalid';
    }
    items.push({ name: item.name.trim(), quantity: quantity ?? 1, unitPrice });
  }
  const sum = items.reduce((s, i) => s + (i.unitPrice ?? 0) * i.quantity, 0);
  const milestone = (m: Milestone): Milestone => ({
    due: dayOrNull(m.due),
    done: dayOrNull(m.done),
  });
  return {
    clientId,
    date: values.date,
    items,
    // No total typed: the items' sum is the best the app knows.
    total: { amount: amount ?? sum, currency: values.currency },
    promisedBenefits: values.benefits
      .map((b) => ({ id: b.id, text: b.text.trim() }))
      .filter((b) => b.text !== ''),
    delivery: milestone(values.milestones.delivery),
    installation: milestone(values.milestones.installation),
    training: milestone(values.milestones.training),
    payment: milestone(values.milestones.payment),
    warrantyEnd: dayOrNull(values.warrantyEnd),
    serviceContract: {
      active: values.contractActive,
      until: dayOrNull(values.contractUntil),
      note: values.contractNote.trim(),
    },
    crossSell: values.crossSell,
    deletedAt: null,
  };
}

import { describe, expect, it } from 'vitest';
import { collectDemoBook } from '../../../shared/demo';
import { validateRun } from '../../../shared/domain/checklistRun';
import { BUILTIN_TEMPLATES } from '../../../shared/domain/templates';

const today = '2025-06-10';
const book = collectDemoBook({
  seed: 11,
  clients: 200,
  notes: 1500,
  locale: 'mixed',
  ownerId: 'rep-1',
  today,
});

describe('demo book integrity', () => {
  it('every clientId, personId, visitId, purchaseId and referral points at a record in the book', () => {
    const clients = new Set(book.clients.map((c) => c.id));
    const people = new Map(book.people.map((p) => [p.id, p.clientId]));
    const purchases = new Map(book.purchases.map((p) => [p.id, p.clientId]));
    const visits = new Map(book.visits.map((v) => [v.id, v.clientId]));
    const templates = new Set(book.checklistTemplates.map((t) => t.id));
    const owned = [
      ...book.people,
      ...book.purchases,
      ...book.visits,
      ...book.notes,
      ...book.contacts,
      ...book.problems,
      ...book.retentionPlans,
      ...book.followUps,
    ];
    for (const r of owned) expect(clients.has(r.clientId), r.id).toBe(true);
    for (const c of book.clients) if (c.referredBy) expect(clients.has(c.referredBy)).toBe(true);
    // A link to a child record stays within the same client.
    for (const c of book.contacts) if (c.personId) expect(people.get(c.personId)).toBe(c.clientId);
    for (const v of book.visits)
      if (v.purchaseId) expect(purchases.get(v.purchaseId)).toBe(v.clientId);
    for (const n of book.notes) if (n.visitId) expect(visits.get(n.visitId)).toBe(n.clientId);
    for (const p of book.problems) {
      if (p.visitId) expect(visits.get(p.visitId)).toBe(p.clientId);
      if (p.purchaseId) expect(purchases.get(p.purchaseId)).toBe(p.clientId);
    }
    for (const r of book.checklistRuns) {
      expect(visits.has(r.visitId)).toBe(true);
      expect(templates.has(r.templateId)).toBe(true);
    }
  });

  it('the demo runs use the built-in templates, under their ids', () => {
    const builtin = new Map(BUILTIN_TEMPLATES.map((t) => [t.id, t]));
    for (const t of book.checklistTemplates) expect(builtin.get(t.id)).toEqual(t);
  });

  it('finished checklist runs are complete and drafts are not, as the checklist logic reads them', () => {
    const templates = new Map(book.checklistTemplates.map((t) => [t.id, t]));
    const visits = new Map(book.visits.map((v) => [v.id, v]));
    const purchases = new Map(book.purchases.map((p) => [p.id, p]));
    let drafts = 0;
    for (const run of book.checklistRuns) {
      const visit = visits.get(run.visitId)!;
      const purchase = visit.purchaseId ? purchases.get(visit.purchaseId) : undefined;
      const ctx = purchase
        ? { promisedBenefitIds: purchase.promisedBenefits.map((b) => b.id) }
        : {};
      const result = validateRun(templates.get(run.templateId)!, run.answers, ctx);
      expect(result.complete, `${visit.status} ${run.templateKey}`).toBe(
        visit.status === 'finished',
      );
      if (visit.status === 'draft') drafts++;
    }
    expect(drafts).toBeGreaterThan(0);
  });

  it('has overdue deliveries: due before today and not done', () => {
    const overdue = book.purchases.filter(
      (p) => p.delivery.due !== null && p.delivery.due < today && p.delivery.done === null,
    );
    expect(overdue.length).toBeGreaterThanOrEqual(5);
  });

  it('even a book of five clients has an overdue delivery and a birthday in the next 7 days', () => {
    const small = collectDemoBook({
      seed: 1,
      clients: 5,
      notes: 0,
      locale: 'en',
      ownerId: 'rep-1',
      today,
    });
    expect(small.purchases.some((p) => p.delivery.due! < today && p.delivery.done === null)).toBe(
      true,
    );
    expect(small.people.some((p) => birthdays(p).some((b) => daysUntil(b) <= 6))).toBe(true);
  });

  it('has birthdays in the next 7 days, of people and of children', () => {
    const soon = (b: string) => daysUntil(b) <= 6;
    expect(book.people.filter((p) => p.birthday && soon(p.birthday)).length).toBeGreaterThan(0);
    expect(
      book.people.filter((p) => p.children.some((c) => c.birthday && soon(c.birthday))).length,
    ).toBeGreaterThan(0);
  });

  it('has birthdays without a year, children without a birthday, and all three address forms', () => {
    expect(book.people.some((p) => p.birthday?.startsWith('--'))).toBe(true);
    expect(book.people.some((p) => p.children.some((c) => c.birthday === null))).toBe(true);
    expect(new Set(book.people.map((p) => p.addressForm))).toEqual(
      new Set(['formal', 'informal', 'unknown']),
    );
  });

  it('has companies of every legal form and private persons, with the expected tags', () => {
    const names = book.clients.map((c) => c.name);
    for (const form of ['ООО «', 'ИП ', 'АО «'])
      expect(
        names.some((n) => n.startsWith(form)),
        form,
      ).toBe(true);
    expect(book.clients.some((c) => c.kind === 'person')).toBe(true);
    const tags = new Set(book.clients.flatMap((c) => c.tags));
    for (const tag of ['опт', 'сеть', 'HoReCa', 'wholesale']) expect(tags.has(tag), tag).toBe(true);
  });

  it('writes phones in the formats reps type them', () => {
    const phones = book.people.flatMap((p) =>
      p.channels.filter((c) => c.kind === 'phone').map((c) => c.value),
    );
    expect(phones.some((v) => /^\+7 \d{3} \d{3}-\d{2}-\d{2}$/.test(v))).toBe(true);
    expect(phones.some((v) => /^8 \(\d{3}\) \d{3} \d{2} \d{2}$/.test(v))).toBe(true);
    expect(phones.some((v) => /^8\d{10}$/.test(v))).toBe(true);
    const kinds = new Set(book.people.flatMap((p) => p.channels.map((c) => c.kind)));
    for (const kind of ['phone', 'email', 'telegram', 'whatsapp'])
      expect(kinds.has(kind as never), kind).toBe(true);
  });

  it('uses all six contact types, each with a fitting subtype', () => {
    expect(new Set(book.contacts.map((c) => c.type)).size).toBe(6);
    for (const c of book.contacts) {
      if (c.type === 'customer_initiated') expect(['complaint', 'suggestion']).toContain(c.subtype);
      else if (c.type === 'proactive_notice')
        expect(['delay', 'price_change']).toContain(c.subtype);
      else expect(c.subtype).toBe('none');
    }
  });

  it('has closing and post-sale visits, finished and draft, with outcomes that fit', () => {
    const kinds = new Set(book.visits.map((v) => `${v.kind}/${v.status}`));
    for (const k of ['closing/finished', 'post_sale/finished', 'other/finished'])
      expect(kinds.has(k), k).toBe(true);
    expect(book.visits.some((v) => v.status === 'draft')).toBe(true);
    for (const v of book.visits) {
      expect(v.status === 'draft').toBe(v.finishedAt === null);
      expect(v.status === 'draft').toBe(v.outcome === null);
      if (v.outcome?.result === 'won') expect(v.outcome.purchaseId).toBe(v.purchaseId);
    }
  });

  it('prices purchases in roubles, euros and dollars, with a positive total', () => {
    expect(new Set(book.purchases.map((p) => p.total.currency))).toEqual(
      new Set(['RUB', 'EUR', 'USD']),
    );
    for (const p of book.purchases) {
      expect(p.total.amount).toBeGreaterThan(0);
      expect(p.items.length).toBeGreaterThan(0);
      expect(p.promisedBenefits.length).toBeGreaterThan(0);
      // Nothing is installed before it arrives.
      if (p.installation.done) expect(p.delivery.done! <= p.installation.done).toBe(true);
    }
  });

  it('has open problems and retention plans', () => {
    expect(book.problems.some((p) => p.status === 'open')).toBe(true);
    expect(book.retentionPlans.length).toBeGreaterThan(0);
  });

  it('trashes a client together with everything hanging off it', () => {
    const trashed = book.clients.filter((c) => c.deletedAt !== null);
    expect(trashed.length).toBeGreaterThan(0);
    for (const c of trashed) {
      const own = [...book.people, ...book.notes, ...book.visits, ...book.purchases].filter(
        (r) => r.clientId === c.id,
      );
      for (const r of own) expect(r.deletedAt).not.toBeNull();
    }
  });
});

describe('demo book language', () => {
  const ru = collectDemoBook({
    seed: 3,
    clients: 50,
    notes: 300,
    locale: 'ru',
    ownerId: 'rep-1',
    today,
  });
  const en = collectDemoBook({
    seed: 3,
    clients: 50,
    notes: 300,
    locale: 'en',
    ownerId: 'rep-1',
    today,
  });
  const cyrillicWords = (text: string) => (text.match(/[А-Яа-яЁё]+/g) ?? []).length;
  const latinWords = (text: string) => (text.match(/[A-Za-z]+/g) ?? []).length;

  it('Russian notes, names and contact summaries are written in Cyrillic', () => {
    for (const n of ru.notes)
      expect(cyrillicWords(n.text), n.text).toBeGreaterThan(latinWords(n.text));
    for (const p of ru.people)
      expect(p.name).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё-]+$/);
    for (const c of ru.contacts) expect(cyrillicWords(c.summary)).toBeGreaterThan(0);
  });

  it('English notes and names have no Cyrillic', () => {
    for (const n of en.notes) expect(cyrillicWords(n.text), n.text).toBe(0);
    for (const p of en.people) expect(cyrillicWords(p.name)).toBe(0);
    for (const c of en.clients) expect(cyrillicWords(c.name)).toBe(0);
  });

  it('notes are one to six sentences', () => {
    const counts = new Set(
      ru.notes.map((n) => n.text.split(/(?<=[.!?])\s+(?=[А-ЯЁA-Z«"])/).length),
    );
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
  });

  it('a mixed book holds both languages', () => {
    const mixed = collectDemoBook({
      seed: 3,
      clients: 60,
      notes: 100,
      locale: 'mixed',
      ownerId: 'rep-1',
      today,
    });
    expect(mixed.clients.some((c) => cyrillicWords(c.name) > 0)).toBe(true);
    expect(mixed.clients.some((c) => cyrillicWords(c.name) === 0)).toBe(true);
  });
});

/** Days from `today` to the next occurrence of a birthday (YYYY-MM-DD or --MM-DD). */
function daysUntil(birthday: string): number {
  const monthDay = birthday.slice(-5);
  const base = Date.parse(`${today}T00:00:00Z`);
  for (let d = 0; d < 366; d++) {
    if (new Date(base + d * 86_400_000).toISOString().slice(5, 10) === monthDay) return d;
  }
  return 366;
}

function birthdays(p: {
  birthday: string | null;
  children: { birthday: string | null }[];
}): string[] {
  return [p.birthday, ...p.children.map((c) => c.birthday)].filter((b): b is string => b !== null);
}

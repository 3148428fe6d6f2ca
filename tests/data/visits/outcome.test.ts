import { describe, it, expect } from 'vitest';
import { newPurchase, type Answer } from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import {
  finishVisit,
  VisitIncompleteError,
} from '../../../renderer/features/visits/data/visitOutcome';
import { EXTRA_KEYS } from '../../../renderer/features/visits/data/visitExtras';
import { localDay } from '../../../renderer/data/localTime';
import { saveCadenceSettings } from '../../../renderer/features/settings/data/cadenceSettings';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';
import { addClient, freshBook, GUARDS, visitWith, type Book } from './helpers';

const today = localDay();

async function winDeal(book: Book, clientName = 'ООО Ромашка') {
  const client = await addClient(book, clientName);
  const delivery = addDays(today, 5);
  const { visitId } = await visitWith(book, 'closing', client.id, {
    ...GUARDS,
    verbal_signals: ['asks_delivery', 'asks_payment_terms'],
    closing_method: 'assumptive',
    outcome: 'won',
    promised_benefits: '- Экономия 20% энергии\n2) Поставка за 3 дня\n\n• Обучение персонала',
    delivery_date: delivery,
    [EXTRA_KEYS.sale]: JSON.stringify({
      item: 'Холодильная витрина',
      amount: '120 000',
      currency: 'RUB',
    }),
  });
  const result = await finishVisit(book.repo, visitId, { today });
  return { client, visitId, result, delivery };
}

describe('finishing a closing visit', () => {
  it('a win creates the purchase with every promised benefit and the delivery date, and the prospect becomes active', async () => {
    const book = await freshBook();
    const { client, visitId, result, delivery } = await winDeal(book);
    const purchase = (await book.db.purchases.get(result.purchaseId!))!;
    expect(purchase.clientId).toBe(client.id);
    expect(purchase.promisedBenefits.map((b) => b.text)).toEqual([
      'Экономия 20% энергии',
      'Поставка за 3 дня',
      'Обучение персонала',
    ]);
    expect(purchase.delivery).toEqual({ due: delivery, done: null });
    expect(purchase.items).toEqual([
      { name: 'Холодильная витрина', quantity: 1, unitPrice: 120000 },
    ]);
    expect(purchase.total).toEqual({ amount: 120000, currency: 'RUB' });
    expect((await book.db.clients.get(client.id))!.status).toBe('active');
    const visit = (await book.db.visits.get(visitId))!;
    expect(visit.status).toBe('finished');
    expect(visit.outcome).toEqual({ result: 'won', purchaseId: purchase.id });
    expect(visit.purchaseId).toBe(purchase.id);
  });

  it('the delivery check is on the agenda as soon as the win is recorded', async () => {
    const book = await freshBook();
    const { result, delivery } = await winDeal(book);
    const checks = await book.db.followUps.where('kind').equals('delivery_check').toArray();
    expect(checks.map((f) => [f.ruleKey, f.due, f.status])).toEqual([
      [`delivery_check:${result.purchaseId}`, delivery, 'open'],
    ]);
  });

  it('a postponed deal plans its next step, and the next closing visit closes that step', async () => {
    const book = await freshBook();
    const client = await addClient(book, 'Beta LLC');
    const next = addDays(today, 3);
    const first = await visitWith(book, 'closing', client.id, {
      ...GUARDS,
      outcome: 'postponed',
      next_step: 'Send the revised offer',
      next_date: next,
    });
    const r = await finishVisit(book.repo, first.visitId, { today });
    const step = (await book.db.followUps.get(r.followUpId!))!;
    expect([step.kind, step.title, step.due, step.status, step.subjectId]).toEqual([
      'custom',
      'Send the revised offer',
      next,
      'open',
      first.visitId,
    ]);

    const second = await visitWith(book, 'closing', client.id, {
      ...GUARDS,
      outcome: 'lost',
      lost_reason: 'competitor',
      lost_comment: 'cheaper elsewhere',
    });
    const lost = await finishVisit(book.repo, second.visitId, { today });
    expect(lost.outcome).toEqual({ result: 'lost', reason: 'competitor' });
    expect((await book.db.followUps.get(step.id))!.status).toBe('done');
  });

  it('a visit with required items missing is refused and changes nothing', async () => {
    const book = await freshBook();
    const client = await addClient(book, 'Gamma');
    const { visitId } = await visitWith(book, 'closing', client.id, { outcome: 'won' });
    const before = await book.db.outbox.count();
    const error = await finishVisit(book.repo, visitId, { today }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VisitIncompleteError);
    const missing = (error as VisitIncompleteError).validation.steps.flatMap((s) => s.missing);
    expect(missing).toEqual(expect.arrayContaining(['guard_no_haste', 'promised_benefits']));
    expect(await book.db.outbox.count()).toBe(before);
    expect((await book.db.visits.get(visitId))!.status).toBe('draft');
  });
});

async function postSaleAnswers(book: Book, purchaseId: string): Promise<Record<string, Answer>> {
  const purchase = (await book.db.purchases.get(purchaseId))!;
  const [first, ...rest] = purchase.promisedBenefits;
  return {
    promises: [
      { benefitId: first!.id, reality: 'below', comment: 'только 12%' },
      ...rest.map((b) => ({ benefitId: b.id, reality: 'met' as const, comment: '' })),
    ],
    delivery_check: 'as_agreed',
    installation_check: 'not_applicable',
    training_check: 'with_issues',
    payment_check: 'not_yet',
    problems_found: true,
    problems_summary: 'Витрина шумит',
    satisfaction: 4,
    would_recommend: 9,
    buy_again: 'definitely',
    cross_sell_interest: ['service_contract'],
    referrals: 'given',
    review: 'agreed',
    [EXTRA_KEYS.problems]: JSON.stringify([
      {
        id: 'p1',
        description: 'Шумит компрессор',
        owner: 'Сервис: Иванов',
        due: addDays(today, 4),
        status: 'open',
        sellersFault: true,
      },
      { id: 'p2', description: '  ', owner: '', due: null, status: 'open', sellersFault: false },
    ]),
    [EXTRA_KEYS.referrals]: JSON.stringify([
      {
        id: 'r1',
        name: 'ООО Лютик',
        contactPerson: 'Пётр Сидоров',
        phone: '+7 912 000-00-01',
        note: 'сеть кафе',
      },
      { id: 'r2', name: 'ИП Васильев', contactPerson: '', phone: '', note: '' },
      { id: 'r3', name: '', contactPerson: '', phone: '', note: '' },
    ]),
  };
}

describe('finishing a post-sale visit', () => {
  it('records problems with owners, turns referrals into linked prospects, sets loyalty and confirmed milestones', async () => {
    const book = await freshBook();
    const { client, result } = await winDeal(book);
    const purchaseId = result.purchaseId!;
    const { visitId } = await visitWith(
      book,
      'post_sale',
      client.id,
      await postSaleAnswers(book, purchaseId),
    );
    const done = await finishVisit(book.repo, visitId, { today });

    const problems = await book.db.problems.where('clientId').equals(client.id).toArray();
    expect(
      problems.map((p) => [
        p.description,
        p.owner,
        p.status,
        p.sellersFault,
        p.visitId,
        p.purchaseId,
      ]),
    ).toEqual([['Шумит компрессор', 'Сервис: Иванов', 'open', true, visitId, purchaseId]]);
    const prospects = await book.db.clients.filter((c) => c.referredBy === client.id).toArray();
    expect(prospects.map((c) => [c.name, c.status, c.kind]).sort()).toEqual([
      ['ИП Васильев', 'prospect', 'person'],
      ['ООО Лютик', 'prospect', 'company'],
    ]);
    expect(done.referralIds).toHaveLength(2);
    const lutik = prospects.find((c) => c.name === 'ООО Лютик')!;
    const [person] = await book.db.people.where('clientId').equals(lutik.id).toArray();
    expect([person!.name, person!.channels]).toEqual([
      'Пётр Сидоров',
      [{ kind: 'phone', value: '+7 912 000-00-01' }],
    ]);

    expect((await book.db.clients.get(client.id))!.loyalty).toBe('high');
    const purchase = (await book.db.purchases.get(purchaseId))!;
    expect(purchase.delivery.done).toBe(today);
    expect(purchase.training.done).toBe(today);
    expect(purchase.payment.done).toBeNull();
    expect(purchase.installation.done).toBeNull();
    expect(purchase.crossSell).toEqual(['service_contract']);
    const visit = (await book.db.visits.get(visitId))!;
    expect([visit.status, visit.outcome, visit.purchaseId]).toEqual([
      'finished',
      { result: 'done' },
      purchaseId,
    ]);
  });

  it('the promise results stay in the run, read against the purchase’s benefits', async () => {
    const book = await freshBook();
    const { client, result } = await winDeal(book);
    const answers = await postSaleAnswers(book, result.purchaseId!);
    const { runId, visitId } = await visitWith(book, 'post_sale', client.id, answers);
    await finishVisit(book.repo, visitId, { today });
    const run = (await book.db.checklistRuns.get(runId))!;
    expect((run.answers.promises as { reality: string }[]).map((r) => r.reality)).toEqual([
      'below',
      'met',
      'met',
    ]);
    expect(run.templateKey).toBe('post_sale_visit');
    expect(run.templateVersion).toBe(1);
  });

  it('a post-sale visit starts with one unrated row per promised benefit and cannot finish until each is rated', async () => {
    const book = await freshBook();
    const { client, result } = await winDeal(book);
    const answers = await postSaleAnswers(book, result.purchaseId!);
    const unrated = (answers.promises as { benefitId: string }[]).map((r) => ({
      ...r,
      reality: null,
      comment: '',
    }));
    const { runId, visitId } = await visitWith(book, 'post_sale', client.id, {
      ...answers,
      promises: unrated,
    });
    const run = (await book.db.checklistRuns.get(runId))!;
    expect(run.answers.promises).toHaveLength(3);
    await expect(finishVisit(book.repo, visitId, { today })).rejects.toBeInstanceOf(
      VisitIncompleteError,
    );
  });

  it('finishing is all or nothing: a failure while adding a referral leaves no problem, prospect or finished visit', async () => {
    const book = await freshBook();
    const { client, result } = await winDeal(book);
    const { visitId } = await visitWith(
      book,
      'post_sale',
      client.id,
      await postSaleAnswers(book, result.purchaseId!),
    );
    const outboxBefore = await book.db.outbox.count();
    const create = book.repo.create.bind(book.repo);
    book.repo.create = (async (table: string, ...rest: unknown[]) => {
      if (table === 'people') throw new Error('disk full');
      return (create as (...a: unknown[]) => unknown)(table, ...rest);
    }) as typeof book.repo.create;

    await expect(finishVisit(book.repo, visitId, { today })).rejects.toThrow('disk full');
    expect(await book.db.problems.count()).toBe(0);
    expect(await book.db.clients.filter((c) => c.referredBy === client.id).count()).toBe(0);
    expect((await book.db.visits.get(visitId))!.status).toBe('draft');
    expect((await book.db.clients.get(client.id))!.loyalty).toBe('unknown');
    expect(await book.db.outbox.count()).toBe(outboxBefore);
  });

  it('finishing regenerates the follow-ups of the client and its referrals only, exactly as a full pass would', async () => {
    const book = await freshBook();
    const { client, result } = await winDeal(book);
    // Another client's purchase the rules have not seen yet: finishing must leave it to the keeper.
    const other = await addClient(book, 'ООО Другая');
    await book.repo.create(
      'purchases',
      newPurchase({
        clientId: other.id,
        date: addDays(today, -2),
        delivery: { due: addDays(today, 3), done: null },
      }),
    );
    // Prospects due a call within days, so the referrals get follow-ups of their own at once.
    await saveCadenceSettings(book.db, {
      ...DEFAULT_CADENCE_SETTINGS,
      byStatus: { ...DEFAULT_CADENCE_SETTINGS.byStatus, prospect: 3 },
    });
    const { visitId } = await visitWith(
      book,
      'post_sale',
      client.id,
      await postSaleAnswers(book, result.purchaseId!),
    );
    const done = await finishVisit(book.repo, visitId, { today });

    expect(await book.db.followUps.where('clientId').equals(other.id).count()).toBe(0);
    for (const id of done.referralIds)
      expect(
        (await book.db.followUps.where('clientId').equals(id).toArray()).map((f) => f.kind),
      ).toEqual(['no_contact']);
    const { regenerateFollowUps } =
      await import('../../../renderer/features/agenda/data/followUps');
    const full = await regenerateFollowUps(book.repo, today);
    const touched = new Set([client.id, ...done.referralIds]);
    expect(full.create.map((d) => d.clientId)).toContain(other.id);
    const changedIds = new Set([...full.update, ...full.remove].map((c) => c.id));
    const changed = (await book.db.followUps.bulkGet([...changedIds])).map((f) => f!.clientId);
    expect(
      [...full.create.map((d) => d.clientId), ...changed].filter((id) => touched.has(id)),
    ).toEqual([]);
  });

  it('the planned post-sale visit follow-up is closed by the visit itself', async () => {
    const book = await freshBook();
    const { client, result } = await winDeal(book);
    const purchaseId = result.purchaseId!;
    // Delivered a week ago: the rules plan the post-sale visit for today.
    const purchase = (await book.db.purchases.get(purchaseId))!;
    await book.repo.update('purchases', purchaseId, {
      delivery: { ...purchase.delivery, done: addDays(today, -7) },
    });
    const { regenerateFollowUps } =
      await import('../../../renderer/features/agenda/data/followUps');
    await regenerateFollowUps(book.repo, today);
    const planned = (
      await book.db.followUps.where('ruleKey').equals(`post_sale_visit:${purchaseId}`).toArray()
    )[0]!;
    expect(planned.status).toBe('open');

    const { visitId } = await visitWith(
      book,
      'post_sale',
      client.id,
      await postSaleAnswers(book, purchaseId),
      purchaseId,
    );
    await finishVisit(book.repo, visitId, { today });
    expect((await book.db.followUps.get(planned.id))!.status).toBe('done');
  });
});

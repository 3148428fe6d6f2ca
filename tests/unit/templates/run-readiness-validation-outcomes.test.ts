import { describe, expect, it } from 'vitest';
import {
  closingOutcome,
  loyaltyFromAnswers,
  readiness,
  runProgress,
  suggestMethods,
  validateRun,
  type Answers,
} from '../../../shared/domain/checklistRun';
import {
  CLOSING_TEMPLATE,
  CONTACT_LOG_TEMPLATE,
  POST_SALE_TEMPLATE,
  contactFromAnswers,
} from '../../../shared/domain/templates';

const guardsConfirmed = { guard_no_haste: true, guard_no_paperwork: true, guard_no_pressure: true };
const missingOf = (v: ReturnType<typeof validateRun>) =>
  Object.fromEntries(v.steps.filter((s) => s.missing.length).map((s) => [s.step, s.missing]));
const invalidOf = (v: ReturnType<typeof validateRun>) => v.steps.flatMap((s) => s.invalid);

describe('readiness indicator', () => {
  it('no signals seen: 0, cold, nothing to explain', () => {
    expect(readiness({})).toEqual({ score: 0, level: 'cold', drivers: [] });
  });

  it('adds up the signals seen, strongest first, and names them', () => {
    const r = readiness({
      verbal_signals: ['asks_price', 'speaks_as_owner'],
      nonverbal_signals: ['nods'],
    });
    expect(r.score).toBe(50);
    expect(r.level).toBe('warming');
    expect(r.drivers.map((d) => [d.signal, d.kind])).toEqual([
      ['speaks_as_owner', 'verbal'],
      ['asks_price', 'verbal'],
      ['nods', 'nonverbal'],
    ]);
  });

  it('many strong signals read as ready, capped at 100', () => {
    const r = readiness({
      verbal_signals: ['asks_payment_terms', 'asks_delivery', 'speaks_as_owner', 'asks_discount'],
      nonverbal_signals: ['looks_at_order_form', 'calculates'],
    });
    expect(r).toMatchObject({ score: 100, level: 'ready' });
  });

  it('the thresholds sit at 35 (warming) and 70 (ready)', () => {
    expect(readiness({ verbal_signals: ['asks_price', 'asks_discount'] }).level).toBe('warming'); // 35
    expect(readiness({ verbal_signals: ['asks_price', 'asks_repeat_detail'] }).level).toBe('cold'); // 25
    expect(
      readiness({ verbal_signals: ['speaks_as_owner', 'asks_delivery', 'asks_warranty_service'] })
        .level,
    ).toBe('ready'); // 70
  });

  it('unknown option keys and non-choice answers are ignored', () => {
    expect(readiness({ verbal_signals: ['smiles_a_lot'], nonverbal_signals: 42 }).score).toBe(0);
  });
});

describe('closing method suggestions', () => {
  it('price questions point to alternative choice and concession', () => {
    const top = suggestMethods({ verbal_signals: ['asks_price', 'asks_discount'] })
      .slice(0, 2)
      .map((s) => s.method);
    expect(top).toEqual(['concession', 'alternative_choice']);
  });

  it('talking as an owner points to the assumptive close', () => {
    const [first] = suggestMethods({
      verbal_signals: ['speaks_as_owner'],
      nonverbal_signals: ['looks_at_order_form'],
    });
    expect(first?.method).toBe('assumptive');
    expect(first?.reasons).toEqual(
      expect.arrayContaining([
        { kind: 'signal', signal: 'speaks_as_owner' },
        { kind: 'signal', signal: 'looks_at_order_form' },
      ]),
    );
  });

  it('with no signals only a gentle trial close is suggested, because the buyer is cold', () => {
    expect(suggestMethods({})).toEqual([
      { method: 'trial_close', score: 2, reasons: [{ kind: 'readiness', level: 'cold' }] },
    ]);
  });

  it('a ready buyer brings the direct request forward', () => {
    const s = suggestMethods({
      verbal_signals: ['asks_payment_terms', 'asks_delivery', 'agrees_benefits'],
      nonverbal_signals: ['relaxed_posture'],
    });
    const direct = s.find((x) => x.method === 'direct_request');
    expect(direct?.reasons).toContainEqual({ kind: 'readiness', level: 'ready' });
    expect(s.map((x) => x.score)).toEqual([...s.map((x) => x.score)].sort((a, b) => b - a));
  });
});

describe('validating a run', () => {
  it('an empty closing run misses the guard confirmations and the outcome', () => {
    const v = validateRun(CLOSING_TEMPLATE, {});
    expect(v.complete).toBe(false);
    expect(missingOf(v)).toEqual({
      mistakes_guard: ['guard_no_haste', 'guard_no_paperwork', 'guard_no_pressure'],
      outcome: ['outcome'],
    });
  });

  it('an unticked guard is still missing: only a tick confirms', () => {
    const v = validateRun(CLOSING_TEMPLATE, {
      ...guardsConfirmed,
      guard_no_pressure: false,
      outcome: 'lost',
      lost_reason: 'price',
    });
    expect(missingOf(v)).toEqual({ mistakes_guard: ['guard_no_pressure'] });
  });

  it('postponing asks for the next step and its date; winning asks for the promises', () => {
    expect(
      missingOf(validateRun(CLOSING_TEMPLATE, { ...guardsConfirmed, outcome: 'postponed' })),
    ).toEqual({ outcome: ['next_step', 'next_date'] });
    expect(
      missingOf(validateRun(CLOSING_TEMPLATE, { ...guardsConfirmed, outcome: 'won' })),
    ).toEqual({ outcome: ['promised_benefits'] });
    expect(
      validateRun(CLOSING_TEMPLATE, {
        ...guardsConfirmed,
        outcome: 'won',
        promised_benefits: 'Окупится за год',
      }).complete,
    ).toBe(true);
  });

  it('answers that do not fit their item are reported as invalid', () => {
    const v = validateRun(POST_SALE_TEMPLATE, {
      satisfaction: 7,
      would_recommend: 4.5,
      buy_again: 'maybe',
      delivery_check: ['as_agreed', 'not_yet'],
    });
    expect(invalidOf(v).sort()).toEqual([
      'buy_again',
      'delivery_check',
      'satisfaction',
      'would_recommend',
    ]);
    expect(
      invalidOf(validateRun(CLOSING_TEMPLATE, { outcome: 'postponed', next_date: '2025-02-30' })),
    ).toEqual(['next_date']);
  });

  it('every promised benefit of the purchase must be rated against reality', () => {
    const rows = [
      { benefitId: '0190a000-0000-7000-8000-000000000001', reality: 'met' as const, comment: '' },
      { benefitId: '0190a000-0000-7000-8000-000000000002', reality: null, comment: '' },
    ];
    const ids = rows.map((r) => r.benefitId);
    const missing = (answers: Answers) =>
      missingOf(validateRun(POST_SALE_TEMPLATE, answers, { promisedBenefitIds: ids })).promises;
    expect(missing({ promises: rows })).toEqual(['promises']);
    expect(missing({ promises: [rows[0]!, { ...rows[1]!, reality: 'below' }] })).toBeUndefined();
    expect(missing({ promises: [rows[0]!] })).toEqual(['promises']);
  });

  it('a full post-sale visit validates', () => {
    const answers: Answers = {
      promises: [
        {
          benefitId: '0190a000-0000-7000-8000-000000000001',
          reality: 'exceeded',
          comment: 'Быстрее, чем обещали',
        },
      ],
      delivery_check: 'as_agreed',
      installation_check: 'with_issues',
      training_check: 'not_applicable',
      payment_check: 'as_agreed',
      satisfaction: 4,
      would_recommend: 9,
      buy_again: 'probably',
      referrals: 'given',
    };
    expect(validateRun(POST_SALE_TEMPLATE, answers)).toMatchObject({ complete: true });
  });

  it('progress counts the required items that apply', () => {
    expect(runProgress(CLOSING_TEMPLATE, {}).percent).toBe(0);
    expect(runProgress(CLOSING_TEMPLATE, { ...guardsConfirmed }).percent).toBe(75);
    // Choosing "postponed" brings two more required items into play.
    expect(
      runProgress(CLOSING_TEMPLATE, { ...guardsConfirmed, outcome: 'postponed' }).percent,
    ).toBe(66);
    const step = runProgress(CLOSING_TEMPLATE, { verbal_signals: ['asks_price'] }).steps[0];
    expect(step).toEqual({
      step: 'verbal',
      answered: 1,
      applicable: 1,
      requiredAnswered: 0,
      required: 0,
    });
    expect(runProgress({ steps: [] }, {}).percent).toBe(100);
  });
});

describe('outcomes', () => {
  it('a won closing yields the promised benefits, one per line, for the new purchase', () => {
    expect(
      closingOutcome({
        outcome: 'won',
        promised_benefits: '1. Окупится за год\n- Обучим персонал\n\n  ',
        delivery_date: '2025-04-01',
      }),
    ).toEqual({
      result: 'won',
      promisedBenefits: ['Окупится за год', 'Обучим персонал'],
      deliveryDate: '2025-04-01',
    });
    expect(
      closingOutcome({ outcome: 'postponed', next_step: 'Прислать КП', next_date: 'скоро' }),
    ).toEqual({ result: 'postponed', nextStep: 'Прислать КП', nextDate: null });
    expect(closingOutcome({ outcome: 'lost', lost_reason: 'competitor' })).toEqual({
      result: 'lost',
      reason: 'competitor',
      comment: '',
    });
    expect(closingOutcome({})).toBeNull();
  });

  it.each([
    [{ buy_again: 'definitely' }, 'high'],
    [{ buy_again: 'probably' }, 'medium'],
    [{ buy_again: 'unsure' }, 'low'],
    [{ buy_again: 'unlikely', declined_cheaper_offer: true }, 'high'],
    [{ buy_again: 'definitely', satisfaction: 2 }, 'low'],
    [{ buy_again: 'definitely', would_recommend: 6 }, 'medium'],
    [{ buy_again: 'definitely', satisfaction: 5, would_recommend: 10 }, 'high'],
    [{ satisfaction: 5 }, 'unknown'],
  ] as [Answers, string][])('loyalty from %j is %s', (answers, level) => {
    expect(loyaltyFromAnswers(answers)).toBe(level);
  });

  it('a contact form becomes a contact log entry, with the subtype only where it belongs', () => {
    expect(
      validateRun(CONTACT_LOG_TEMPLATE, {
        contact_type: 'customer_initiated',
        channel: 'phone',
        summary: 'Жалоба на шум',
      }).complete,
    ).toBe(false);
    expect(
      contactFromAnswers({
        contact_type: 'customer_initiated',
        customer_subtype: 'complaint',
        channel: 'phone',
        summary: 'Жалоба на шум',
      }),
    ).toEqual({
      type: 'customer_initiated',
      subtype: 'complaint',
      channel: 'phone',
      summary: 'Жалоба на шум',
    });
    expect(
      contactFromAnswers({
        contact_type: 'friendly',
        customer_subtype: 'complaint',
        channel: 'email',
      })?.subtype,
    ).toBe('none');
    expect(
      contactFromAnswers({
        contact_type: 'proactive_notice',
        notice_subtype: 'delay',
        channel: 'messenger',
      })?.subtype,
    ).toBe('delay');
    expect(contactFromAnswers({ channel: 'phone' })).toBeNull();
  });
});

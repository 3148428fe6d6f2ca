import { describe, expect, it } from 'vitest';
import {
  assessClientHealth,
  daysBetween,
  lastContactAt,
  type ClientHealthInput,
} from '../../../shared/domain/health';

const TODAY = '2025-06-15';
const dayOf = (ts: string) => ts.slice(0, 10);
const at = (day: string) => `${day}T12:00:00.000Z`;

const client = (over: Partial<ClientHealthInput['client']> = {}): ClientHealthInput['client'] => ({
  status: 'active',
  tags: [],
  cadenceDays: null,
  loyalty: 'high',
  churnReason: null,
  churnComment: '',
  createdAt: at('2025-01-01'),
  ...over,
});
/** Contact yesterday, so only the rule under test speaks. */
const recent = { contacts: [{ at: at('2025-06-14'), deletedAt: null }] };
const open = { due: null, done: null };
const purchase = (over: Record<string, unknown> = {}) => ({
  id: 'p1',
  date: '2025-05-01',
  delivery: open,
  installation: open,
  training: open,
  payment: open,
  promisedBenefits: [],
  deletedAt: null,
  ...over,
});
const assess = (input: Partial<ClientHealthInput>) =>
  assessClientHealth({ client: client(), ...recent, ...input }, TODAY, { dayOf });
const codes = (input: Partial<ClientHealthInput>) => assess(input).signals.map((s) => s.code);

describe('client health: overdue follow-through', () => {
  it('a delivery past its due date and not done is overdue, with the days', () => {
    const [signal] = assess({
      purchases: [purchase({ delivery: { due: '2025-06-03', done: null } })],
    }).signals;
    expect(signal).toMatchObject({ code: 'delivery_overdue', severity: 'medium', subjectId: 'p1' });
    expect(signal?.params.count).toBe(12);
  });

  it('a delivery due today is not overdue yet', () => {
    expect(codes({ purchases: [purchase({ delivery: { due: TODAY, done: null } })] })).toEqual([]);
  });

  it('a delivery done late is not overdue', () => {
    expect(
      codes({ purchases: [purchase({ delivery: { due: '2025-05-01', done: '2025-05-20' } })] }),
    ).toEqual([]);
  });

  it('two weeks overdue is high severity', () => {
    const [signal] = assess({
      purchases: [purchase({ delivery: { due: '2025-06-01', done: null } })],
    }).signals;
    expect(signal?.severity).toBe('high');
  });

  it('an unpaid invoice is overdue payment', () => {
    const signals = assess({
      purchases: [purchase({ payment: { due: '2025-05-10', done: null } })],
    }).signals;
    expect(signals.map((s) => [s.code, s.severity, s.params.count])).toEqual([
      ['payment_overdue', 'high', 36],
    ]);
  });

  it('ignores purchases in the trash', () => {
    const trashed = purchase({
      delivery: { due: '2025-06-01', done: null },
      deletedAt: at('2025-06-10'),
    });
    expect(codes({ purchases: [trashed] })).toEqual([]);
  });
});

describe('client health: problems', () => {
  const problem = (over: Record<string, unknown> = {}) => ({
    id: 'pr1',
    status: 'open' as const,
    due: null,
    sellersFault: false,
    description: 'Кофемашина течёт',
    createdAt: at('2025-06-05'),
    deletedAt: null,
    ...over,
  });

  it('an open problem is a medium signal with how long it has been open', () => {
    const [signal] = assess({ problems: [problem()] }).signals;
    expect(signal).toMatchObject({ code: 'open_problem', severity: 'medium', subjectId: 'pr1' });
    expect(signal?.params).toMatchObject({
      count: 10,
      description: 'Кофемашина течёт',
      overdueDays: null,
    });
  });

  it('the seller’s own fault or a missed due date make it high', () => {
    expect(assess({ problems: [problem({ sellersFault: true })] }).signals[0]?.severity).toBe(
      'high',
    );
    const overdue = assess({ problems: [problem({ status: 'in_progress', due: '2025-06-10' })] })
      .signals[0];
    expect(overdue).toMatchObject({ severity: 'high', params: { overdueDays: 5 } });
  });

  it('fixed but unconfirmed is a low signal; confirmed is none', () => {
    expect(assess({ problems: [problem({ status: 'fixed' })] }).signals[0]).toMatchObject({
      code: 'problem_unconfirmed',
      severity: 'low',
    });
    expect(codes({ problems: [problem({ status: 'confirmed' })] })).toEqual([]);
  });
});

describe('client health: contact cadence', () => {
  const contactOn = (day: string) => ({ contacts: [{ at: at(day), deletedAt: null }] });

  it('contact exactly at the cadence is not beyond it', () => {
    expect(codes(contactOn('2025-05-16'))).toEqual([]); // 30 days, active cadence 30
  });

  it('one day beyond the cadence is a signal; twice the cadence is high', () => {
    expect(assess(contactOn('2025-05-15')).signals[0]).toMatchObject({
      code: 'no_contact',
      severity: 'medium',
      params: { count: 31, cadenceDays: 30, lastContact: '2025-05-15' },
    });
    expect(assess(contactOn('2025-04-01')).signals[0]?.severity).toBe('high');
  });

  it('the client’s own cadence overrides the status default', () => {
    const input = { client: client({ cadenceDays: 7 }), ...contactOn('2025-06-05') };
    expect(assess(input).signals[0]).toMatchObject({
      code: 'no_contact',
      params: { cadenceDays: 7 },
    });
  });

  it('last contact is the latest of contact log, visits and notes, trash excluded', () => {
    const input = {
      contacts: [
        { at: at('2025-03-01'), deletedAt: null },
        { at: at('2025-06-10'), deletedAt: at('2025-06-11') },
      ],
      visits: [{ id: 'v1', kind: 'other' as const, startedAt: at('2025-04-01'), deletedAt: null }],
      notes: [{ createdAt: at('2025-06-01'), deletedAt: null }],
    };
    expect(lastContactAt(input)).toBe(at('2025-06-01'));
    expect(codes(input)).toEqual([]);
  });

  it('a client never contacted counts from when it was added', () => {
    const old = { client: client({ createdAt: at('2025-05-01') }), contacts: [] };
    expect(assess(old).signals[0]).toMatchObject({
      code: 'never_contacted',
      params: { count: 45 },
    });
    expect(codes({ client: client({ createdAt: at('2025-06-01') }), contacts: [] })).toEqual([]);
  });

  it('counts days by the rep’s calendar day, not the UTC one', () => {
    const input = {
      client: client({ cadenceDays: 1 }),
      contacts: [{ at: '2025-06-13T23:30:00.000-02:00', deletedAt: null }],
    };
    const utcDay = (ts: string) => new Date(ts).toISOString().slice(0, 10);
    const byUtc = assessClientHealth(input, TODAY, { dayOf: utcDay }).signals;
    const byZone = assessClientHealth(input, TODAY, { dayOf: () => '2025-06-13' }).signals;
    expect(byUtc).toEqual([]); // 2025-06-14 in UTC: 1 day
    expect(byZone[0]).toMatchObject({ code: 'no_contact', params: { count: 2 } });
  });
});

describe('client health: post-sale results', () => {
  const benefits = [
    { id: '11111111-1111-4111-8111-111111111111', text: 'Окупится за год' },
    { id: '22222222-2222-4222-8222-222222222222', text: 'Меньше простоев' },
  ];
  const [b1, b2] = benefits.map((b) => b.id) as [string, string];
  const visit = (id: string, day: string) => ({
    id,
    kind: 'post_sale' as const,
    startedAt: at(day),
    deletedAt: null,
  });
  const run = (visitId: string, verdicts: [string, 'below' | 'met' | 'exceeded' | null][]) => ({
    visitId,
    deletedAt: null,
    answers: {
      promises: verdicts.map(([benefitId, reality]) => ({ benefitId, reality, comment: '' })),
      note: 'ok',
    },
  });
  const base = { purchases: [purchase({ promisedBenefits: benefits })] };

  it('a promise that fell short is a signal naming the promise', () => {
    const signals = assess({
      ...base,
      visits: [visit('v1', '2025-06-01')],
      checklistRuns: [
        run('v1', [
          [b1, 'below'],
          [b2, 'met'],
        ]),
      ],
    }).signals;
    expect(signals).toEqual([
      {
        code: 'post_sale_below',
        severity: 'medium',
        params: { count: 1, promises: 'Окупится за год' },
        subjectId: 'v1',
      },
    ]);
  });

  it('a later visit that found the promise met clears it', () => {
    const input = {
      ...base,
      visits: [visit('v1', '2025-05-01'), visit('v2', '2025-06-01')],
      checklistRuns: [run('v2', [[b1, 'met']]), run('v1', [[b1, 'below']])],
    };
    expect(codes(input)).toEqual([]);
  });

  it('two promises below are high severity; unanswered ones do not count', () => {
    const input = {
      ...base,
      visits: [visit('v1', '2025-06-01')],
      checklistRuns: [
        run('v1', [
          [b1, 'below'],
          [b2, 'below'],
        ]),
      ],
    };
    expect(assess(input).signals[0]?.severity).toBe('high');
    const unanswered = {
      ...base,
      visits: [visit('v1', '2025-06-01')],
      checklistRuns: [run('v1', [[b1, null]])],
    };
    expect(codes(unanswered)).toEqual([]);
  });
});

describe('client health: churn and loyalty', () => {
  it('a recorded churn reason is high, and low once the client is won back', () => {
    const lost = {
      client: client({
        status: 'at_risk',
        churnReason: 'not_listened',
        churnComment: 'Не перезвонили',
      }),
    };
    expect(assess(lost).signals[0]).toMatchObject({
      code: 'churn_reason',
      severity: 'high',
      params: { reason: 'not_listened' },
    });
    const back = { client: client({ status: 'won_back', churnReason: 'deception' }) };
    expect(assess(back).signals[0]?.severity).toBe('low');
  });

  it('with no signals the recorded loyalty stands, unknown included', () => {
    expect(assess({})).toMatchObject({ loyalty: 'high', score: 90, signals: [], atRisk: false });
    expect(assess({ client: client({ loyalty: 'unknown' }) })).toMatchObject({
      loyalty: 'unknown',
      score: 65,
    });
  });

  it('signals lower loyalty and score, never raise them', () => {
    const overdue = purchase({ delivery: { due: '2025-06-10', done: null } });
    expect(assess({ purchases: [overdue] })).toMatchObject({
      loyalty: 'high',
      score: 75,
      atRisk: false,
    });
    const worse = purchase({ delivery: { due: '2025-05-01', done: null } });
    expect(assess({ purchases: [worse] })).toMatchObject({
      loyalty: 'medium',
      score: 60,
      atRisk: true,
    });
    expect(assess({ client: client({ loyalty: 'low' }), purchases: [overdue] }).loyalty).toBe(
      'low',
    );
    expect(assess({ client: client({ loyalty: 'unknown' }), purchases: [overdue] }).loyalty).toBe(
      'medium',
    );
  });

  it('a lost client has low loyalty', () => {
    expect(assess({ client: client({ status: 'lost', churnReason: 'other' }) }).loyalty).toBe(
      'low',
    );
  });

  it('lists the most severe signals first', () => {
    const input = {
      purchases: [
        purchase({
          installation: { due: '2025-06-10', done: null },
          delivery: { due: '2025-05-01', done: null },
        }),
      ],
    };
    expect(assess(input).signals.map((s) => s.severity)).toEqual(['high', 'low']);
  });
});

describe('daysBetween', () => {
  it('counts calendar days across month ends and DST changes', () => {
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-06-15', '2025-06-10')).toBe(-5);
  });
});

describe('client health: cadence from the rep’s settings', () => {
  const contactOn = (day: string) => ({ contacts: [{ at: at(day), deletedAt: null }] });
  const cadence = {
    defaultDays: 30,
    byStatus: { active: 30 },
    byTag: { опт: 10 },
  };

  it('a tag cadence makes an otherwise fine client overdue', () => {
    const input = { client: client({ tags: ['Опт'] }), cadence, ...contactOn('2025-06-01') };
    expect(assess(input).signals[0]).toMatchObject({
      code: 'no_contact',
      params: { count: 14, cadenceDays: 10 },
    });
    expect(codes({ client: client({ tags: ['Опт'] }), ...contactOn('2025-06-01') })).toEqual([]);
  });
});

// Test factories: schema-valid records with readable defaults, and a helper that applies a diff
// the way the data layer would (new ids for created follow-ups, soft delete for removals).
import type {
  ChecklistRun,
  Client,
  ContactLogEntry,
  ContactPerson,
  FollowUp,
  Note,
  Problem,
  Purchase,
  RetentionPlan,
  Visit,
} from '../../../shared/domain';
import {
  applyFollowUpDiff,
  generateFollowUps,
  type FollowUpBook,
  type FollowUpDiff,
} from '../../../shared/domain/followupRules';
import { DEFAULT_PROGRAM, type Program } from '../../../shared/domain/program';
import { newPurchase } from '../../../shared/domain/purchase';
import { POST_SALE_TEMPLATE } from '../../../shared/domain/templates/postSale';

let serial = 0;
export function testId(): string {
  serial += 1;
  return `0190a000-0000-7000-8000-${serial.toString(16).padStart(12, '0')}`;
}

const CREATED = '2025-01-10T09:00:00+03:00';

function record(overrides: { id?: string; createdAt?: string } = {}) {
  return {
    id: overrides.id ?? testId(),
    ownerId: 'rep-1',
    createdAt: overrides.createdAt ?? CREATED,
    updatedAt: overrides.createdAt ?? CREATED,
    deletedAt: null,
    stamps: {},
    serverVersion: 0,
  };
}

export function client(o: Partial<Client> = {}): Client {
  return {
    ...record(o),
    kind: 'company',
    name: 'ООО «Ромашка»',
    status: 'active',
    tags: [],
    cadenceDays: null,
    address: '',
    notes: '',
    loyalty: 'unknown',
    churnReason: null,
    churnComment: '',
    referredBy: null,
    ...o,
  };
}

export function person(clientId: string, o: Partial<ContactPerson> = {}): ContactPerson {
  return {
    ...record(o),
    clientId,
    name: 'Анна Петрова',
    role: '',
    birthday: null,
    children: [],
    addressForm: 'formal',
    channels: [],
    interests: '',
    personalNotes: '',
    ...o,
  };
}

export function purchase(clientId: string, o: Partial<Purchase> = {}): Purchase {
  return {
    ...record(o),
    ...newPurchase({
      clientId,
      date: '2025-03-01',
      items: [{ name: 'Кофемашина Jura', quantity: 1, unitPrice: 120000 }],
      total: { amount: 120000, currency: 'RUB' },
    }),
    ...o,
  };
}

/** A post-sale checklist run of `v` with these answers. */
export function checklistRun(v: Visit, answers: ChecklistRun['answers']): ChecklistRun {
  return {
    id: testId(),
    ownerId: 'rep-1',
    createdAt: v.startedAt,
    updatedAt: v.startedAt,
    deletedAt: null,
    stamps: {},
    serverVersion: 0,
    visitId: v.id,
    templateId: POST_SALE_TEMPLATE.id,
    templateKey: POST_SALE_TEMPLATE.key,
    templateVersion: POST_SALE_TEMPLATE.version,
    answers,
  };
}

export function visit(clientId: string, o: Partial<Visit> = {}): Visit {
  return {
    ...record(o),
    clientId,
    kind: 'post_sale',
    status: 'finished',
    startedAt: '2025-03-05T10:00:00+03:00',
    finishedAt: '2025-03-05T11:00:00+03:00',
    purchaseId: null,
    outcome: null,
    currentStep: null,
    notes: '',
    ...o,
  };
}

export function note(clientId: string, createdAt: string, o: Partial<Note> = {}): Note {
  return { ...record({ createdAt }), clientId, visitId: null, text: 'Обсудили поставку', ...o };
}

export function contact(
  clientId: string,
  at: string,
  o: Partial<ContactLogEntry> = {},
): ContactLogEntry {
  return {
    ...record(o),
    clientId,
    personId: null,
    type: 'seller_initiated',
    subtype: 'none',
    channel: 'phone',
    at,
    summary: '',
    ...o,
  };
}

export function problem(clientId: string, o: Partial<Problem> = {}): Problem {
  return {
    ...record(o),
    clientId,
    visitId: null,
    purchaseId: null,
    description: 'Протекает бойлер',
    owner: 'Сервис',
    due: null,
    status: 'open',
    sellersFault: true,
    ...o,
  };
}

export function plan(clientId: string, o: Partial<RetentionPlan> = {}): RetentionPlan {
  return {
    ...record(o),
    clientId,
    cause: 'Ушёл к конкуренту',
    actions: [],
    status: 'active',
    ...o,
  };
}

export function followUp(clientId: string, o: Partial<FollowUp> = {}): FollowUp {
  return {
    ...record(o),
    clientId,
    kind: 'custom',
    ruleKey: null,
    due: '2025-03-01',
    status: 'open',
    snoozedUntil: null,
    doneAt: null,
    title: '',
    subjectId: null,
    ...o,
  };
}

export function book(parts: Partial<FollowUpBook> = {}): FollowUpBook {
  return {
    clients: [],
    people: [],
    purchases: [],
    visits: [],
    notes: [],
    contacts: [],
    problems: [],
    retentionPlans: [],
    followUps: [],
    ...parts,
  };
}

/** The book after the diff was applied as the data layer would apply it. */
export function applied(
  b: FollowUpBook,
  diff: FollowUpDiff,
  now = '2025-03-01T12:00:00+03:00',
): FollowUpBook {
  const followUps = applyFollowUpDiff(b.followUps, diff, {
    now,
    create: (draft) => ({ ...record({ createdAt: now }), ...draft }),
  });
  return { ...b, followUps };
}

/** Generates and applies: the book as it stands after one run of the rules on `today`. */
export function settle(
  b: FollowUpBook,
  today: string,
  program: Program = DEFAULT_PROGRAM,
): FollowUpBook {
  return applied(b, generateFollowUps(b, program, today));
}

/** Live (not deleted) follow-ups with the given rule key prefix. */
export function live(b: FollowUpBook, prefix = ''): FollowUp[] {
  return b.followUps.filter((f) => f.deletedAt === null && (f.ruleKey ?? '').startsWith(prefix));
}

export function programWith(change: (p: Program) => void): Program {
  const p = structuredClone(DEFAULT_PROGRAM);
  change(p);
  return p;
}

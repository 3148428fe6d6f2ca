/**
 * The client's search document built in one pass of pushes (shared/search/document.ts) is the
 * document the first, list-by-list way of writing it gave: the same fields, the same texts in
 * the same order (the fingerprint hashes them in order), over random records with trashed rows,
 * blank texts and optional fields left out.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildClientSearchDocument,
  documentFingerprint,
  type ClientSearchDocument,
  type ClientSearchSources,
} from '../../shared/search/document';

/** The document as first written (one array per record, spread and filtered). */
function reference(sources: ClientSearchSources): ClientSearchDocument {
  const live = <T extends { deletedAt: string | null }>(rows: readonly T[] | undefined): T[] =>
    (rows ?? []).filter((r) => r.deletedAt === null);
  const people = live(sources.people);
  const channels = people.flatMap((p) => p.channels);
  const purchases = live(sources.purchases);
  const notes = [
    sources.client.notes ?? '',
    sources.client.churnComment ?? '',
    ...live(sources.notes).map((n) => n.text),
    ...live(sources.visits).map((v) => v.notes),
    ...live(sources.contacts).map((c) => c.summary),
    ...purchases.flatMap((p) => (p.promisedBenefits ?? []).map((b) => b.text)),
    ...live(sources.problems).flatMap((p) => [p.description, p.owner]),
    ...people.flatMap((p) => [p.role ?? '', p.interests ?? '', p.personalNotes ?? '']),
    ...live(sources.retentionPlans).flatMap((r) => [
      r.cause,
      ...r.actions.flatMap((a) => [a.text, a.responsible]),
    ]),
  ].filter((t) => t.trim() !== '');
  return {
    id: sources.client.id,
    name: sources.client.name,
    people: people.flatMap((p) => [p.name, ...p.children.map((c) => c.name)]),
    phones: channels.filter((c) => c.kind === 'phone').map((c) => c.value),
    emails: channels.filter((c) => c.kind !== 'phone').map((c) => c.value),
    tags: [...sources.client.tags],
    address: sources.client.address,
    items: purchases.flatMap((p) => p.items.map((i) => i.name)),
    notes,
  };
}

const text = fc.oneof(fc.constantFrom('', ' ', '  \n', 'Ромашка', 'кофе', 'a b'), fc.string());
const deleted = fc.constantFrom(null, null, '2025-06-01T10:00:00.000Z');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const rows = <T>(arb: fc.Arbitrary<T>) => maybe(fc.array(arb, { maxLength: 4 }));

const sourcesArb: fc.Arbitrary<ClientSearchSources> = fc.record({
  client: fc.record(
    {
      id: fc.constant('c1'),
      name: text,
      tags: fc.array(text, { maxLength: 3 }),
      address: text,
      notes: text,
      churnComment: text,
    },
    { requiredKeys: ['id', 'name', 'tags', 'address'] },
  ),
  people: rows(
    fc.record(
      {
        deletedAt: deleted,
        name: text,
        children: fc.array(fc.record({ name: text, birthday: fc.constant(null) }), {
          maxLength: 2,
        }),
        channels: fc.array(
          fc.record({ kind: fc.constantFrom('phone', 'email', 'telegram'), value: text }),
          { maxLength: 3 },
        ),
        role: text,
        interests: text,
        personalNotes: text,
      },
      { requiredKeys: ['deletedAt', 'name', 'children', 'channels'] },
    ),
  ),
  purchases: rows(
    fc.record(
      {
        deletedAt: deleted,
        items: fc.array(
          fc.record({ name: text, quantity: fc.constant(1), unitPrice: fc.constant(null) }),
          { maxLength: 2 },
        ),
        promisedBenefits: fc.array(fc.record({ id: fc.constant('b'), text }), { maxLength: 2 }),
      },
      { requiredKeys: ['deletedAt', 'items'] },
    ),
  ),
  notes: rows(fc.record({ deletedAt: deleted, text })),
  visits: rows(fc.record({ deletedAt: deleted, notes: text })),
  contacts: rows(fc.record({ deletedAt: deleted, summary: text })),
  problems: rows(fc.record({ deletedAt: deleted, description: text, owner: text })),
  retentionPlans: rows(
    fc.record({
      deletedAt: deleted,
      cause: text,
      actions: fc.array(fc.record({ text, responsible: text }), { maxLength: 2 }),
    }),
  ),
}) as unknown as fc.Arbitrary<ClientSearchSources>;

describe('the search document, built in one pass', () => {
  it('is the document the list-by-list way gave, texts in the same order', () => {
    fc.assert(
      fc.property(sourcesArb, (sources) => {
        const doc = buildClientSearchDocument(sources);
        expect(doc).toEqual(reference(sources));
        expect(documentFingerprint(doc)).toBe(documentFingerprint(reference(sources)));
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * The stored search index over random books and random edit histories: whatever was written while
 * a book ran, after its last save or while no book ran at all, and whether the book was replaced
 * whole since (a new generation: the stored copy must be ignored), the next start answers every
 * query exactly as an index built afresh from the records.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collectDemoBook } from '../../../shared/demo';
import { SYNCED_TABLES } from '../../../shared/domain';
import type { FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import {
  deleteBook,
  markBookReplaced,
} from '../../../renderer/features/clients/data/searchIndexCache';
import { trashClient } from '../../../renderer/features/clients/data/trash';
import { eventually, freshDb, TODAY } from './book';

const WORDS = [
  'кофемашина',
  'кофейня',
  'ромашка',
  'пылесос',
  'Пётр',
  'ёлка',
  'coffee',
  'crème',
  'зерно',
];
const QUERIES = [
  ...WORDS,
  ...WORDS.map((w) => w.slice(0, 3)),
  'а',
  'ма',
  'ооо',
  '8912',
  'кофе зерно',
];

type Edit =
  | { kind: 'rename'; client: number; word: number }
  | { kind: 'note'; client: number; word: number }
  | { kind: 'trash'; client: number }
  | { kind: 'create'; word: number }
  | { kind: 'delete'; client: number }
  | { kind: 'editNote'; note: number; word: number };

const pick = fc.nat({ max: 1000 });
const wordIx = fc.nat({ max: WORDS.length - 1 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), client: pick, word: wordIx }),
  fc.record({ kind: fc.constant('note' as const), client: pick, word: wordIx }),
  fc.record({ kind: fc.constant('trash' as const), client: pick }),
  fc.record({ kind: fc.constant('create' as const), word: wordIx }),
  fc.record({ kind: fc.constant('delete' as const), client: pick }),
  fc.record({ kind: fc.constant('editNote' as const), note: pick, word: wordIx }),
);

async function apply(db: FieldbookDb, repo: Repository, edits: readonly Edit[]): Promise<void> {
  for (const edit of edits) {
    const clients = await db.clients.filter((c) => c.deletedAt === null).toArray();
    const client =
      'client' in edit ? clients[edit.client % Math.max(1, clients.length)] : undefined;
    const word = 'word' in edit ? (WORDS[edit.word] as string) : '';
    if (edit.kind === 'create') {
      await repo.create('clients', { ...emptyClientDraft(), name: `ООО ${word}` });
    } else if (edit.kind === 'editNote') {
      const notes = await db.notes.filter((n) => n.deletedAt === null).toArray();
      const note = notes[edit.note % Math.max(1, notes.length)];
      if (note) await repo.update('notes', note.id, { text: `${note.text} ${word}` });
    } else if (!client) {
      continue;
    } else if (edit.kind === 'rename') {
      await repo.update('clients', client.id, { name: `${client.name} ${word}` });
    } else if (edit.kind === 'note') {
      await repo.create('notes', {
        clientId: client.id,
        visitId: null,
        text: word,
        deletedAt: null,
      });
    } else if (edit.kind === 'trash') {
      await trashClient(repo, client.id);
    } else {
      // Gone without the trash, as a restore from an older backup replaces the tables.
      await db.clients.delete(client.id);
    }
  }
}

async function start(db: FieldbookDb, persistIndex = true): Promise<ClientBook> {
  const book = new ClientBook(db, { saveDelayMs: 60_000, persistIndex });
  book.start();
  await eventually(() => expect(book.phase).toBe('ready'));
  await book.settled();
  return book;
}

/** Every answer, ties between equal scores put in id order (they fall by doc number otherwise). */
function answers(book: ClientBook) {
  return Object.fromEntries(
    QUERIES.map((q) => {
      const found = book.search(q, 10_000);
      const hits = found.ranked
        .map((id) => {
          const hit = found.hits.get(id)!;
          return { id, score: hit.score, fields: hit.fields };
        })
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      return [q, { total: found.total, queryTerms: found.queryTerms, hits }];
    }),
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('the stored search index over random edit histories', () => {
  it('the next start answers as an index built afresh, a stale generation never restored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 14 }),
        fc.array(editArb, { maxLength: 6 }),
        fc.array(editArb, { maxLength: 8 }),
        fc.boolean(),
        async (seed, clients, whileRunning, whileClosed, replaced) => {
          const db = await freshDb();
          const repo = new Repository(db);
          const books: ClientBook[] = [];
          try {
            const demo = collectDemoBook({
              seed,
              clients,
              notes: clients * 3,
              locale: 'mixed',
              ownerId: 'local',
              today: TODAY,
            });
            await db.transaction(
              'rw',
              SYNCED_TABLES.map((t) => db.table(t)),
              async () => {
                for (const table of SYNCED_TABLES) await db.table(table).bulkAdd(demo[table]);
              },
            );
            const first = await start(db);
            books.push(first);
            // Edits the running book takes from the change feed, then stores.
            await apply(db, repo, whileRunning);
            await settle();
            await first.flushIndex();
            first.dispose();
            // Edits no running book saw (the window was closed, or crashed before the save).
            await apply(db, repo, whileClosed);
            if (replaced) {
              // The book replaced whole (a backup restored): a new generation, the copy is stale.
              await db.transaction('rw', db.meta, () => markBookReplaced(db));
            }

            const next = await start(db);
            books.push(next);
            expect(next.indexStats.restored).toBe(!replaced);
            const fresh = await start(db, false);
            books.push(fresh);
            expect(fresh.indexStats.restored).toBe(false);
            expect(answers(next)).toEqual(answers(fresh));
          } finally {
            for (const b of books) b.dispose();
            await deleteBook(db);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});

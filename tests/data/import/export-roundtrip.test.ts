// Issue 11 item 6 as a property: the CSV the app exports, with its headings and values in the
// rep's language (ru or en, the real texts), imports back into a wiped book as the same book:
// every client's name, type, status, tags and address, its contact person, phones and e-mails.
// The columns are ExportButton's (renderer/features/clients/ExportButton.tsx), in its order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENT_STATUSES, type Client, type ContactPerson } from '../../../shared/domain';
import { openCsvImport, readCsvImportRows } from '../../../shared/importing';
import { Repository } from '../../../renderer/data/repository';
import type { FieldbookDb } from '../../../renderer/data/db';
import {
  emptyClientDraft,
  emptyPersonDraft,
} from '../../../renderer/features/clients/data/clients';
import {
  channelValues,
  clientsToCsv,
  type ExportColumn,
} from '../../../renderer/features/clients/data/clientExport';
import type { ClientSummary } from '../../../renderer/features/clients/data/clientSummary';
import { enBook } from '../../../renderer/features/clients/texts.en';
import { ruBook } from '../../../renderer/features/clients/texts.ru';
import { commitImport, existingClients } from '../../../renderer/features/import/data/importer';
import { freshDb } from '../clients/book';

const BOOKS = { ru: ruBook, en: enBook } as const;
type Lang = keyof typeof BOOKS;

/** ExportButton's columns with the texts of one language (the health level as the app shows it). */
function exportColumns(lang: Lang): ExportColumn[] {
  const t = BOOKS[lang];
  return [
    { header: t.form.name, value: (s) => s.client.name },
    { header: t.kind.label, value: (s) => t.kind[s.client.kind] },
    { header: t.status.label, value: (s) => t.status[s.client.status] },
    { header: t.form.tags, value: (s) => s.client.tags.join(', ') },
    { header: t.form.address, value: (s) => s.client.address },
    { header: t.form.personName, value: (s) => s.people.map((p) => p.name).join(', ') },
    { header: t.form.phone, value: (s) => channelValues(s, 'phone') },
    { header: t.form.email, value: (s) => channelValues(s, 'email') },
    { header: t.card.lastContact, value: () => '2025-06-01' },
    { header: t.card.nextFollowUp, value: () => '' },
    { header: t.health.title, value: () => t.health.level.medium },
  ];
}

interface Row {
  name: string;
  kind: Client['kind'];
  status: Client['status'];
  tags: string[];
  address: string;
  person: { name: string; phones: readonly string[]; emails: readonly string[] } | null;
}

const word = fc.stringMatching(/^[A-Za-zА-Яа-яЁё]{2,10}$/);
const legalName = fc
  .tuple(
    fc.constantFrom('ООО', 'ИП', 'АО', 'LLC', ''),
    fc.array(word, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('', ' "Север"', ' «Юг»', '; филиал', ', склад 2', '\nвторая строка'),
  )
  .map(([form, words, tail]) => `${form} ${words.join(' ')}${tail}`.trim());
const rowArb = (index: number) =>
  fc.record({
    name: legalName.map((n) => `${n} ${index}`),
    kind: fc.constantFrom('company' as const, 'person' as const),
    status: fc.constantFrom(...CLIENT_STATUSES),
    tags: fc.uniqueArray(
      word.map((w) => w.toLowerCase()),
      { maxLength: 3 },
    ),
    address: fc.constantFrom('', 'Казань, ул. Баумана, 1', 'г. Пермь; склад "Б"', '-1 этаж'),
    person: fc.option(
      fc.record({
        name: fc.array(word, { minLength: 2, maxLength: 3 }).map((w) => w.join(' ')),
        phones: fc.constantFrom(
          [],
          [`+7 912 ${String(1_000_000 + index).slice(1)}`],
          [
            `8 (343) ${String(2_000_000 + index).slice(1)}`,
            `+7 900 ${String(3_000_000 + index).slice(1)}`,
          ],
        ),
        emails: fc.constantFrom([], [`rep${index}@example.test`]),
      }),
      { nil: null },
    ),
  });
const bookArb = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowArb(i))));

async function writeBook(repo: Repository, rows: readonly Row[]): Promise<void> {
  for (const row of rows) {
    const client = await repo.create('clients', {
      ...emptyClientDraft(),
      name: row.name,
      kind: row.kind,
      status: row.status,
      tags: row.tags,
      address: row.address,
    });
    if (row.person) {
      await repo.create('people', {
        ...emptyPersonDraft(),
        clientId: client.id,
        name: row.person.name,
        channels: [
          ...row.person.phones.map((value) => ({ kind: 'phone' as const, value })),
          ...row.person.emails.map((value) => ({ kind: 'email' as const, value })),
        ],
      });
    }
  }
}

/** What the export shows of the book, keyed by client name. */
async function readBook(db: FieldbookDb) {
  const [clients, people] = await Promise.all([db.clients.toArray(), db.people.toArray()]);
  const byClient = new Map<string, ContactPerson[]>();
  for (const p of people) byClient.set(p.clientId, [...(byClient.get(p.clientId) ?? []), p]);
  return new Map(
    clients.map((c) => [
      c.name,
      {
        kind: c.kind,
        status: c.status,
        tags: [...c.tags].sort(),
        address: c.address,
        people: (byClient.get(c.id) ?? []).map((p) => ({
          name: p.name,
          phones: p.channels.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
          emails: p.channels.filter((ch) => ch.kind === 'email').map((ch) => ch.value),
        })),
      },
    ]),
  );
}

async function exportCsv(db: FieldbookDb, lang: Lang): Promise<string> {
  const [clients, people] = await Promise.all([db.clients.toArray(), db.people.toArray()]);
  const summaries = clients.map(
    (client) =>
      ({
        client,
        people: people.filter((p) => p.clientId === client.id),
      }) as unknown as ClientSummary,
  );
  return clientsToCsv(summaries, exportColumns(lang));
}

async function importCsv(repo: Repository, csv: string): Promise<void> {
  const opened = openCsvImport(new TextEncoder().encode(csv));
  if (!opened.ok) throw new Error(`the export did not open as CSV: ${opened.error.code}`);
  const existing = await existingClients(repo.db);
  const rows = [];
  for (const slice of readCsvImportRows(opened.file, opened.file.guessedMapping, { existing }))
    rows.push(...slice.rows);
  const refused = rows.filter((r) => r.errors.length > 0);
  expect(refused.map((r) => ({ row: r.row, errors: r.errors }))).toEqual([]);
  await commitImport(repo, rows, { duplicates: 'skip', skipBadRows: false });
}

describe.each(['ru', 'en'] as const)('export → wipe → import (%s)', (lang) => {
  it('gives back the same book: names, types, statuses, tags, addresses, people, phones, e-mails', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, async (rows) => {
        const before = await freshDb();
        const after = await freshDb();
        try {
          await writeBook(new Repository(before), rows);
          const csv = await exportCsv(before, lang);
          await importCsv(new Repository(after), csv);
          expect(await readBook(after)).toEqual(await readBook(before));
        } finally {
          await before.delete();
          await after.delete();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

/**
 * Reads the whole client book in slices by primary key, yielding to the UI between slices, so
 * tens of thousands of clients and notes load without a frozen window.
 */
import type { Table } from 'dexie';
import type { ChecklistRun, Client, ContactPerson, Note } from '../../../../shared/domain';
import type { FieldbookDb } from '../../../data/db';
import type { ClientRecords, FullClientRecords } from './clientSummary';
import { inSlices, yieldToMain } from '../../../platform/yield';
import { isLive } from '../../../../shared/domain/common';

export type NoteText = Pick<Note, 'text' | 'deletedAt'>;

const PAGE = 2000;

async function readInPages<T extends { id: string }>(
  table: Table<T, string>,
  onPage: (rows: T[]) => void,
): Promise<void> {
  let last: string | null = null;
  for (;;) {
    const rows: T[] =
      last === null
        ? await table.orderBy(':id').limit(PAGE).toArray()
        : await table.where(':id').above(last).limit(PAGE).toArray();
    onPage(rows);
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1]!.id;
    await yieldToMain();
  }
}

async function readGrouped<T extends { id: string; clientId: string }>(
  table: Table<T, string>,
): Promise<Map<string, T[]>> {
  const grouped = new Map<string, T[]>();
  await readInPages(table, (rows) => {
    for (const row of rows) {
      const list = grouped.get(row.clientId);
      if (list) list.push(row);
      else grouped.set(row.clientId, [row]);
    }
  });
  return grouped;
}

export interface LoadSteps {
  onList: (clients: Client[], people: ContactPerson[]) => void;
  /** May take its time in slices. */
  onFacts: (records: ClientRecords[]) => void | Promise<void>;
}

export async function loadBookInSlices(db: FieldbookDb, steps: LoadSteps): Promise<void> {
  // The list needs clients and people only: both are read at once, each in its own pages.
  const clients: Client[] = [];
  const [, people] = await Promise.all([
    readInPages(db.clients, (rows) => {
      for (const c of rows) if (isLive(c)) clients.push(c);
    }),
    readGrouped(db.people),
  ]);
  steps.onList(
    clients,
    [...people.values()].flat().filter((p) => isLive(p)),
  );

  const purchases = await readGrouped(db.purchases);
  const visits = await readGrouped(db.visits);
  const contacts = await readGrouped(db.contacts);
  const followUps = await readGrouped(db.followUps);
  const problems = await readGrouped(db.problems);
  const retentionPlans = await readGrouped(db.retentionPlans);
  const runsByVisit = new Map<string, ChecklistRun[]>();
  await readInPages(db.checklistRuns, (rows) => {
    for (const run of rows) {
      const list = runsByVisit.get(run.visitId);
      if (list) list.push(run);
      else runsByVisit.set(run.visitId, [run]);
    }
  });
  // Notes are the biggest table: only each live note's time is kept (the search index reads the
  // texts itself, in its worker).
  const noteDays = new Map<string, Pick<Note, 'clientId' | 'createdAt' | 'deletedAt'>[]>();
  await readInPages(db.notes, (rows) => {
    for (const n of rows) {
      if (n.deletedAt !== null) continue;
      const day = { clientId: n.clientId, createdAt: n.createdAt, deletedAt: null };
      const days = noteDays.get(n.clientId);
      if (days) days.push(day);
      else noteDays.set(n.clientId, [day]);
    }
  });
  // 50k clients put together in one go made a long task: in slices too.
  const records: ClientRecords[] = [];
  await inSlices(clients, (client) => {
    records.push({
      client,
      people: people.get(client.id) ?? [],
      purchases: purchases.get(client.id) ?? [],
      visits: visits.get(client.id) ?? [],
      notes: noteDays.get(client.id) ?? [],
      contacts: contacts.get(client.id) ?? [],
      followUps: followUps.get(client.id) ?? [],
      problems: problems.get(client.id) ?? [],
      retentionPlans: retentionPlans.get(client.id) ?? [],
      checklistRuns: (visits.get(client.id) ?? []).flatMap((v) => runsByVisit.get(v.id) ?? []),
    });
  });
  await steps.onFacts(records);
}

/** Everything of one client, read through the clientId indexes; undefined when it is gone. */
export async function loadClientRecords(
  db: FieldbookDb,
  clientId: string,
): Promise<{ records: FullClientRecords; noteTexts: NoteText[] } | undefined> {
  const byClient = <T>(table: Table<T, string>) =>
    table.where('clientId').equals(clientId).toArray();
  const [client, people, purchases, visits, notes, contacts, followUps, problems, plans] =
    await Promise.all([
      db.clients.get(clientId),
      byClient(db.people),
      byClient(db.purchases),
      byClient(db.visits),
      byClient(db.notes),
      byClient(db.contacts),
      byClient(db.followUps),
      byClient(db.problems),
      byClient(db.retentionPlans),
    ]);
  if (!client) return undefined;
  const checklistRuns =
    visits.length === 0
      ? []
      : await db.checklistRuns
          .where('visitId')
          .anyOf(visits.map((v) => v.id))
          .toArray();
  return {
    records: {
      client,
      people,
      purchases,
      visits,
      notes,
      contacts,
      followUps,
      problems,
      retentionPlans: plans,
      checklistRuns,
    },
    noteTexts: notes,
  };
}

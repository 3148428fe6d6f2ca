/**
 * What the server refused, and the way out that always works: keep the server's version. The
 * server's version of a row it never accepted is no row at all, so the local copy goes (without an
 * op); a row the server has comes back whole with the next pull. Nothing is lost that the rep
 * wrote: a checklist or program the server refused (a rep may not publish) is kept unpublished on this
 * device, which the program editor offers when this device may publish again.
 */
import type { ChecklistTemplate, Conflict, SyncedTable } from '../../shared/domain';
import { isSyncedTable } from '../../shared/domain';
import type { FieldbookDb } from '../data/db';
import type { OutboxRow } from '../data/editBase';
import { SYNC_META, type PullPosition, type SyncAccount } from './state';

/** Where unpublished templates are kept on this device (never synced; the stored key keeps its old word). */
const UNPUBLISHED_TEMPLATES_KEY = 'program.drafts';

/** A checklist or program the rep wrote that this device may not publish now. */
export interface UnpublishedTemplate {
  key: string;
  purpose: ChecklistTemplate['purpose'];
  title: ChecklistTemplate['title'];
  steps: ChecklistTemplate['steps'];
  savedAt: string;
}

export async function readUnpublishedTemplates(db: FieldbookDb): Promise<UnpublishedTemplate[]> {
  return (
    ((await db.meta.get(UNPUBLISHED_TEMPLATES_KEY))?.value as UnpublishedTemplate[] | undefined) ??
    []
  );
}

/** Keeps one unpublished version per template key: the latest one the rep wrote. */
async function keepUnpublishedTemplate(
  db: FieldbookDb,
  template: UnpublishedTemplate,
): Promise<void> {
  const others = (await readUnpublishedTemplates(db)).filter((d) => d.key !== template.key);
  await db.meta.put({ key: UNPUBLISHED_TEMPLATES_KEY, value: [...others, template] });
}

/** Forgets the unpublished version of `key` (published, or thrown away by the rep). */
export async function dropUnpublishedTemplate(db: FieldbookDb, key: string): Promise<void> {
  const others = (await readUnpublishedTemplates(db)).filter((d) => d.key !== key);
  await db.meta.put({ key: UNPUBLISHED_TEMPLATES_KEY, value: others });
}

/**
 * A refusal: a `refused` conflict, or one written before refusals had their own kind (a field
 * with no server value and no server stamp, whose "server value" null no schema accepts).
 */
export function isRefusal(conflict: Conflict): boolean {
  return (
    conflict.kind === 'refused' ||
    (conflict.kind === 'field' && conflict.remoteStamp === null && conflict.remoteValue === null)
  );
}

type Row = Record<string, unknown> & { id: string; serverVersion: number };

/**
 * Inside a transaction over the table, outbox, meta and conflicts: the row goes back to the
 * server's version. Its unsent ops go (the server refuses them the same way); a template's content
 * is kept unpublished; every open conflict of the row is answered.
 */
async function revertRow(
  db: FieldbookDb,
  table: SyncedTable,
  rowId: string,
  nowIso: string,
): Promise<void> {
  const row = (await db.table(table).get(rowId)) as Row | undefined;
  if (row && table === 'checklistTemplates') {
    const t = row as unknown as ChecklistTemplate;
    await keepUnpublishedTemplate(db, {
      key: t.key,
      purpose: t.purpose,
      title: t.title,
      steps: t.steps,
      savedAt: nowIso,
    });
  }
  await db.outbox.where('[table+rowId]').equals([table, rowId]).delete();
  if (row && row.serverVersion === 0) {
    await db.table(table).delete(rowId);
  } else if (row) {
    // The server's copy comes with the next pull: a row with no unsent op is replaced by it.
    const pull = (await db.meta.get(SYNC_META.pull))?.value as PullPosition | undefined;
    await db.meta.put({ key: SYNC_META.pull, value: { epoch: pull?.epoch ?? null, cursor: null } });
  }
  await db.conflicts
    .where('[table+rowId]')
    .equals([table, rowId])
    .filter((c) => c.resolvedAt === null)
    .modify({ resolvedAt: nowIso, resolution: 'kept_theirs' });
}

function tablesFor(db: FieldbookDb, tables: Iterable<SyncedTable>) {
  return [...new Set(tables)].map((t) => db.table(t));
}

/** "Keep the server's version" of the row a refusal is about. */
export async function keepServerVersion(
  db: FieldbookDb,
  conflict: Conflict,
  nowIso: string = new Date().toISOString(),
): Promise<void> {
  const table = conflict.table;
  if (!isSyncedTable(table)) {
    await db.conflicts.update(conflict.id, { resolvedAt: nowIso, resolution: 'kept_theirs' });
    return;
  }
  await db.transaction(
    'rw',
    [...tablesFor(db, [table]), db.outbox, db.meta, db.conflicts],
    async () => revertRow(db, table, conflict.rowId, nowIso),
  );
}

/** One click: every open refusal answered with the server's version. Returns how many rows. */
export async function keepServerVersionForAllRefused(
  db: FieldbookDb,
  nowIso: string = new Date().toISOString(),
): Promise<number> {
  const open = (await db.conflicts.filter((c) => c.resolvedAt === null).toArray()).filter(
    isRefusal,
  );
  const rows = new Map<string, { table: SyncedTable; rowId: string }>();
  const foreign: string[] = [];
  for (const c of open) {
    if (isSyncedTable(c.table))
      rows.set(`${c.table}:${c.rowId}`, { table: c.table, rowId: c.rowId });
    else foreign.push(c.id);
  }
  await db.transaction(
    'rw',
    [
      ...tablesFor(
        db,
        [...rows.values()].map((r) => r.table),
      ),
      db.outbox,
      db.meta,
      db.conflicts,
    ],
    async () => {
      for (const { table, rowId } of rows.values()) await revertRow(db, table, rowId, nowIso);
      for (const id of foreign)
        await db.conflicts.update(id, { resolvedAt: nowIso, resolution: 'kept_theirs' });
    },
  );
  return rows.size;
}

/**
 * A rep may not publish: checklist and program versions this device made and has not sent become
 * unpublished templates instead of ops the server would refuse (a solo rep who joined a company, a manager who
 * became a rep). Runs before every push.
 */
export async function holdUnsentTemplatesOfRep(
  db: FieldbookDb,
  nowIso: string = new Date().toISOString(),
): Promise<number> {
  const account = (await db.meta.get(SYNC_META.account))?.value as SyncAccount | undefined;
  if (account?.role !== 'rep') return 0;
  const ops = (await db.outbox
    .filter((op) => op.table === 'checklistTemplates')
    .toArray()) as OutboxRow[];
  if (ops.length === 0) return 0;
  const ids = [...new Set(ops.map((op) => op.rowId))];
  await db.transaction(
    'rw',
    [db.checklistTemplates, db.outbox, db.meta, db.conflicts],
    async () => {
      for (const id of ids) await revertRow(db, 'checklistTemplates', id, nowIso);
    },
  );
  return ids.length;
}

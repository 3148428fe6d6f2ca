/**
 * Which clients a committed write touched, read from Dexie's `storagemutated` event. Every writer
 * (the repository, sync, import, restore, other windows) triggers it after commit, so the client
 * book's read model and search index stay current without each writer having to remember them.
 */
import Dexie, { type IntervalTree, type ObservabilitySet } from 'dexie';
import type { FieldbookDb } from './db';
import { CLIENT_CHILD_TABLES } from '../../shared/domain';

/**
 * Either the clients to recompute, or "everything" when a write was too broad to name them.
 * Checklist runs name their visit, not the client: `visitIds` are resolved to clients later.
 */
export type BookChange =
  { kind: 'all' } | { kind: 'clients'; ids: Set<string>; visitIds: Set<string> };

type Node = { from?: unknown; to?: unknown; l?: Node | null; r?: Node | null; d: number };

/** Collects the single keys of an interval tree; false when it holds a real range. */
function collectKeys(tree: IntervalTree | undefined, into: Set<string>): boolean {
  const stack: (Node | null | undefined)[] = [tree as Node | undefined];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || node.d === 0 || node.from === undefined) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return false;
    into.add(node.from);
    stack.push(node.l, node.r);
  }
  return true;
}

/**
 * Reads the parts of one database out of a mutation event. Bulk writes of 50 rows or more are
 * reported by Dexie as whole-table ranges; those come back as `all`.
 */
function affectedClients(parts: ObservabilitySet, dbName: string): BookChange | null {
  const prefix = `idb://${dbName}/`;
  const ids = new Set<string>();
  const visitIds = new Set<string>();
  let touched = false;
  const part = (table: string, index: string) => parts[`${prefix}${table}/${index}`];
  if (part('clients', '')) {
    touched = true;
    if (!collectKeys(part('clients', ''), ids)) return { kind: 'all' };
  }
  for (const table of CLIENT_CHILD_TABLES) {
    if (!part(table, '')) continue;
    touched = true;
    const byClient = part(table, 'clientId');
    // A delete Dexie could not see the old rows of names no client: only a full reload is safe.
    if (!byClient || !collectKeys(byClient, ids)) return { kind: 'all' };
  }
  if (part('checklistRuns', '')) {
    touched = true;
    const byVisit = part('checklistRuns', 'visitId');
    if (!byVisit || !collectKeys(byVisit, visitIds)) return { kind: 'all' };
  }
  return touched ? { kind: 'clients', ids, visitIds } : null;
}

/** Calls `onChange` after every commit that touched the client book of `db`. */
export function watchClientBook(db: FieldbookDb, onChange: (change: BookChange) => void) {
  const listener = (parts: ObservabilitySet) => {
    const change = affectedClients(parts, db.name);
    if (change) onChange(change);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}

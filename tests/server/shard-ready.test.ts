/**
 * Shard-ready by team (server/README.md, "How it scales"): every table of team data has team_id
 * first in its primary key, and every statement the server sends that touches one names the team,
 * so the schema can be distributed by team_id (Citus) without a rewrite and a team's requests stay
 * on one shard. The statements are read from the server's sources: a new query over team data
 * without its team fails here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Tables of one team's data: distributed by team_id. */
const TEAM_TABLES = [
  'records',
  'shares',
  'team_counters',
  'device_seqs',
  'applied_batches',
  'quarantine',
];
/**
 * Tables that are not one team's: accounts looked up by token or e-mail before the team is known,
 * and server-wide bookkeeping. Small; on Citus they are reference tables (copied to every node).
 */
const GLOBAL_TABLES = [
  'server_meta',
  'schema_migrations',
  'teams',
  'users',
  'devices',
  'rate_buckets',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** String literals that hold SQL: quoted or template, with a statement keyword in capitals. */
export function sqlStrings(source: string): string[] {
  const literals = source.match(/`[^`]*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g) ?? [];
  return literals.filter((s) => /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/.test(s));
}

const NOT_ALIAS = new Set([
  'WHERE',
  'SET',
  'ON',
  'USING',
  'VALUES',
  'SELECT',
  'RETURNING',
  'JOIN',
  'LEFT',
  'CROSS',
  'GROUP',
  'ORDER',
  'LIMIT',
  'FOR',
]);

/** Each use of a team table in the SQL that does not name the team: "table (alias)". */
export function unscopedUses(sql: string): string[] {
  const problems: string[] = [];
  const use = new RegExp(
    String.raw`\b(FROM|JOIN|INTO|UPDATE)\s+(${TEAM_TABLES.join('|')})\b(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?(\s*\(([^)]*)\))?`,
    'g',
  );
  for (const m of sql.matchAll(use)) {
    const [, keyword, table, rawAlias, , columns] = m;
    const alias = rawAlias && !NOT_ALIAS.has(rawAlias.toUpperCase()) ? rawAlias : undefined;
    if (keyword === 'INTO') {
      // An insert names the team among its columns.
      if (!alias && columns !== undefined && /\bteam_id\b/.test(columns)) continue;
      if (alias && /\bteam_id\b/.test(sql.slice(m.index))) continue;
      problems.push(`${table} (insert without team_id)`);
      continue;
    }
    const named = alias
      ? new RegExp(String.raw`\b${alias}\.team_id\s*=`).test(sql)
      : /(^|[^.\w])team_id\s*=/.test(sql);
    if (!named) problems.push(`${table}${alias ? ` ${alias}` : ''}`);
  }
  return problems;
}

describe('shard-ready by team', () => {
  it('the checker itself flags a query over team data that does not name the team', () => {
    expect(unscopedUses('SELECT * FROM records WHERE id = $1')).toEqual(['records']);
    expect(unscopedUses('DELETE FROM shares s WHERE s.user_id = $1')).toEqual(['shares s']);
    expect(unscopedUses('INSERT INTO quarantine (op_id, op) VALUES ($1, $2)')).toEqual([
      'quarantine (insert without team_id)',
    ]);
    expect(unscopedUses('SELECT 1 FROM records r WHERE r.team_id = $1 AND r.id = $2')).toEqual([]);
    expect(unscopedUses('UPDATE team_counters SET v = v + 1 WHERE team_id = $1')).toEqual([]);
  });

  it('every statement of the server over a table of team data names the team', () => {
    const offenders: string[] = [];
    let statements = 0;
    for (const file of sourceFiles(join(ROOT, 'server'))) {
      // Migrations hold DDL and one-off backfills over whole tables.
      if (file.endsWith(join('db', 'migrations.ts'))) continue;
      for (const sql of sqlStrings(readFileSync(file, 'utf8'))) {
        const problems = unscopedUses(sql);
        if (new RegExp(String.raw`\b(${TEAM_TABLES.join('|')})\b`).test(sql)) statements++;
        for (const p of problems)
          offenders.push(
            `${relative(ROOT, file)}: ${p} in ${sql.replace(/\s+/g, ' ').slice(0, 160)}`,
          );
      }
    }
    expect(offenders).toEqual([]);
    // The reader still finds the server's statements (push, pull, shares, accounts, ...).
    expect(statements).toBeGreaterThan(12);
  });

  it('every table is classified, and every table of team data has team_id first in its primary key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-shard-'));
    const db = await openPglite(dir);
    try {
      await migrate(db);
      const { rows: tables } = await db.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.map((t) => t.name).sort()).toEqual([...TEAM_TABLES, ...GLOBAL_TABLES].sort());
      const { rows: keys } = await db.query<{ table_name: string; column_name: string }>(
        `SELECT k.table_name, k.column_name
           FROM information_schema.table_constraints c
           JOIN information_schema.key_column_usage k
             ON k.constraint_name = c.constraint_name AND k.table_name = c.table_name
          WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = 'public'
            AND k.ordinal_position = 1`,
      );
      const first = new Map(keys.map((k) => [k.table_name, k.column_name]));
      for (const table of TEAM_TABLES)
        expect({ table, first: first.get(table) }).toEqual({ table, first: 'team_id' });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The manager's book (issue 12, item 4): a team of 20 reps with 2,500 clients each (50k clients,
 * 500k notes and the rest of the demo book) on one device, in headless Chromium.
 *
 * - `team.report.50k_clients.ms`: the team view's first screen after the book is loaded: from the
 *   open database, the rows the view reads (loadMonthBook, as useTeamReport does: the month's
 *   rows, not the whole book) and the team's month computed over them (shared/domain/report.ts
 *   teamReport), each run in a new browser on the same profile; `.read.ms` and `.compute.ms`
 *   beside it take it apart. A profile of an older schema is upgraded at the first open, which
 *   `open` in the run's line shows apart (not in the figure).
 *
 * The demo book has one owner; here its clients are given owners round-robin over 20 rep ids
 * (bench-only), so the report is split into 20 reps' months as a manager's would be.
 * BENCH_TEAM_CLIENTS / BENCH_TEAM_NOTES set another size (the names say it: `10k_clients`).
 * BENCH_TEAM_PROFILE=<dir> keeps the seeded profile there; when BENCH_CAPACITY_PROFILE holds the
 * capacity bench's book of the same size, it is copied instead of seeding again (minutes saved).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { DEMO_BOOK_SIZES, type DemoBookOptions } from '../../shared/demo';
import { buildBenchPage, launchProfile, serveBenchPage } from './chromium';
import { benchRuns, metricFromRuns, type Metric } from './metric';
import type { SeedResult } from './page/api';
import type { TeamScreenResult } from './page/teamPage';

export const TEAM_REPS = Array.from(
  { length: 20 },
  (_, i) => `bench-rep-${String(i + 1).padStart(2, '0')}`,
);

export const TEAM_BOOK: DemoBookOptions = {
  seed: 'capacity',
  clients: Number(process.env.BENCH_TEAM_CLIENTS ?? DEMO_BOOK_SIZES['50k'].clients),
  notes: Number(process.env.BENCH_TEAM_NOTES ?? DEMO_BOOK_SIZES['50k'].notes),
  locale: 'mixed',
  ownerId: 'bench-rep',
  today: '2025-06-10',
};

const BATCH = 5000;
const MARK = 'fieldbook-team.json';
const CAPACITY_MARK = 'fieldbook-capacity.json';

interface KeptProfile {
  book: DemoBookOptions;
  owners: string[];
  port: number;
}

function readMark<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function withProfile<T>(profile: string, url: string, work: (page: Page) => Promise<T>) {
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(
      () => window.fieldbookBench !== undefined && window.fieldbookTeamBench !== undefined,
    );
    return await work(page);
  } finally {
    await context.close();
  }
}

/** `50k_clients`, `10k_clients`, `2500_clients`: the size in the figure's name. */
function sizeName(clients: number): string {
  return clients % 1000 === 0 ? `${clients / 1000}k_clients` : `${clients}_clients`;
}

export async function runTeamReportBench(): Promise<Metric[]> {
  await buildBenchPage();
  const keep = process.env.BENCH_TEAM_PROFILE;
  const kept = keep ? readMark<KeptProfile>(join(keep, MARK)) : null;
  const fits =
    kept !== null &&
    JSON.stringify(kept.book) === JSON.stringify(TEAM_BOOK) &&
    JSON.stringify(kept.owners) === JSON.stringify(TEAM_REPS);
  if (keep && !fits && existsSync(keep)) rmSync(keep, { recursive: true, force: true });
  const capacityDir = process.env.BENCH_CAPACITY_PROFILE;
  const capacity =
    !fits && capacityDir
      ? readMark<{ book: DemoBookOptions; port: number }>(join(capacityDir, CAPACITY_MARK))
      : null;
  const copy = capacity !== null && JSON.stringify(capacity.book) === JSON.stringify(TEAM_BOOK);
  const profile = keep ?? mkdtempSync(join(tmpdir(), 'fieldbook-bench-team-'));
  const server = await serveBenchPage(fits ? kept.port : copy ? capacity.port : 0);
  const runs = benchRuns();
  const s = { ms: [] as number[], read: [] as number[], compute: [] as number[] };
  let last: TeamScreenResult | null = null;
  try {
    if (!fits) {
      if (copy) {
        rmSync(profile, { recursive: true, force: true });
        await promisify(execFile)('cp', ['-a', capacityDir!, profile]);
        rmSync(join(profile, CAPACITY_MARK), { force: true });
        console.error(`  copied the capacity book from ${capacityDir}`);
      } else {
        mkdirSync(profile, { recursive: true });
        const seeded: SeedResult = await withProfile(profile, server.url, (page) =>
          page.evaluate(([o, b]) => window.fieldbookBench!.seed(o, b), [TEAM_BOOK, BATCH] as const),
        );
        console.error(`  seeded ${seeded.records} records in ${(seeded.ms / 1000).toFixed(0)} s`);
      }
      const started = Date.now();
      const { changed, openMs } = await withProfile(profile, server.url, (page) =>
        page.evaluate((o) => window.fieldbookTeamBench!.spreadOwners(o), TEAM_REPS),
      );
      console.error(
        `  ${changed} clients spread over ${TEAM_REPS.length} reps in ${((Date.now() - started) / 1000).toFixed(0)} s ` +
          `(the first open, which upgrades an older profile: ${(openMs / 1000).toFixed(1)} s)`,
      );
      if (keep) {
        const port = Number(new URL(server.url).port);
        const mark: KeptProfile = { book: TEAM_BOOK, owners: TEAM_REPS, port };
        writeFileSync(join(profile, MARK), JSON.stringify(mark));
      }
    } else console.error(`  using the team book seeded in ${profile}`);
    const month = TEAM_BOOK.today!.slice(0, 7);
    for (let run = 0; run < runs; run++) {
      const r: TeamScreenResult = await withProfile(profile, server.url, (page) =>
        page.evaluate(([m, t]) => window.fieldbookTeamBench!.teamFirstScreen(m, t), [
          month,
          TEAM_BOOK.today!,
        ] as const),
      );
      if (r.reps !== TEAM_REPS.length || r.clients !== TEAM_BOOK.clients) {
        throw new Error(`the team screen showed ${r.reps} reps over ${r.clients} clients`);
      }
      s.ms.push(r.ms);
      s.read.push(r.readMs);
      s.compute.push(r.computeMs);
      last = r;
      console.error(
        `  run ${run + 1}: ${r.ms.toFixed(0)} ms (read ${r.readMs.toFixed(0)}, teamReport ` +
          `${r.computeMs.toFixed(0)}; open ${r.openMs.toFixed(0)}), ${r.reps} reps, ` +
          `${r.clients} clients and ${r.rows} other rows read, ${r.visits} visits in ${month}`,
      );
      console.error(`    read steps: ${JSON.stringify(r.steps)}`);
    }
    if (process.env.BENCH_TEAM_ALONE) {
      const alone = await withProfile(profile, server.url, (page) =>
        page.evaluate((m) => window.fieldbookTeamBench!.readsAlone(m), month),
      );
      console.error(`  each read alone: ${JSON.stringify(alone)}`);
    }
  } finally {
    if (!keep) rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
  const name = `team.report.${sizeName(TEAM_BOOK.clients)}`;
  const ms = (goal: number) => ({ unit: 'ms', goal, better: 'lower' as const });
  if (!last) return [];
  return [
    metricFromRuns(`${name}.ms`, s.ms, ms(1000)),
    metricFromRuns(`${name}.read.ms`, s.read, ms(1000)),
    metricFromRuns(`${name}.compute.ms`, s.compute, ms(1000)),
  ];
}

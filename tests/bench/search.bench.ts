/**
 * Client search: our inverted index against MiniSearch on 10k clients + 100k notes. Measures what
 * the rep feels (p95 per keystroke while typing real queries letter by letter), what a write costs
 * (one client's document replaced), index build and restore time (ours: from the packed layout the
 * app stores, copied as IndexedDB copies it), and the heap the index holds.
 * The figures and the choice are written up in docs/search.md.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import { benchRuns, metricFromRuns, percentile, type Metric } from './metric';
import { InvertedClientIndex } from '../../shared/search/inverted-index';
import { ClientIndexBuilder } from '../../shared/search/builder';
import { MiniSearchClientIndex } from '../../shared/search/minisearch-index';
import { buildClientSearchDocument, type ClientSearchDocument } from '../../shared/search/document';
import { collectDemoBook, type DemoBookOptions } from '../../shared/demo';

const CLIENTS = Number(process.env.BENCH_SEARCH_CLIENTS ?? 10_000);
const NOTES = Number(process.env.BENCH_SEARCH_NOTES ?? 100_000);

interface Engine {
  upsert(doc: ClientSearchDocument): void;
  search(query: string): { total: number };
  serialize(): unknown;
}

const ENGINES: Record<string, { make(): Engine; restore(data: never): Engine | null }> = {
  // The stored layout the app keeps (PackedClientIndex), checked and put together as at a start.
  own: {
    make: () => {
      const index = new InvertedClientIndex();
      return Object.assign(index, { serialize: () => index.pack() });
    },
    restore: (data) => InvertedClientIndex.unpack(data),
  },
  minisearch: {
    make: () => new MiniSearchClientIndex(),
    restore: (data) => MiniSearchClientIndex.restore(data),
  },
};

/** The engine the app ships (shared/search/index.ts); its keystroke p95 is the headline figure. */
const CHOSEN = 'own';

// --- the demo book ------------------------------------------------------------------------------

interface Book {
  docs: ClientSearchDocument[];
  queries: string[];
}

/** The demo generator's book (shared/demo), one search document per client, and queries a rep
 * would type, drawn from it: name words, people, phones in another format, note words, e-mails.
 * The Chromium bench (idb.bench.ts) types the same kind of queries over its own seeded book. */
export function benchBook(options: DemoBookOptions): Book {
  const demo = collectDemoBook(options);
  const byClient = <T extends { clientId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.clientId, [...(map.get(r.clientId) ?? []), r]);
    return map;
  };
  const people = byClient(demo.people);
  const purchases = byClient(demo.purchases);
  const noteRows = byClient(demo.notes);
  const visits = byClient(demo.visits);
  const contacts = byClient(demo.contacts);
  const docs = demo.clients
    .filter((c) => c.deletedAt === null)
    .map((client) =>
      buildClientSearchDocument({
        client,
        people: people.get(client.id),
        purchases: purchases.get(client.id),
        notes: noteRows.get(client.id),
        visits: visits.get(client.id),
        contacts: contacts.get(client.id),
      }),
    );

  return { docs, queries: benchQueries(docs, 60) };
}

/** `count` queries drawn from the documents, the same ones for the same documents. */
export function benchQueries(docs: readonly ClientSearchDocument[], count: number): string[] {
  let state = 20240611;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(next() * list.length)];
  const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  const queries: string[] = [];
  while (queries.length < count) {
    const doc = pick(docs) as ClientSearchDocument;
    const kind = queries.length % 6;
    let q: string | undefined;
    if (kind === 0) q = pick(words(doc.name));
    else if (kind === 1) q = pick(doc.people);
    else if (kind === 2) {
      const digits = (pick(doc.phones) ?? '').replace(/\D/g, '').slice(-10);
      // Typed differently from how it was saved: +7 912 345-67-89 for 89123456789 and so on.
      q =
        digits.length === 10
          ? next() < 0.5
            ? `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`
            : `8${digits}`
          : undefined;
    } else if (kind === 3) q = pick(words(pick(doc.notes) ?? ''));
    else if (kind === 4) q = pick(doc.emails)?.split('@')[0];
    else q = [pick(words(doc.name)), pick(words(pick(doc.notes) ?? ''))].filter(Boolean).join(' ');
    if (q) queries.push(q);
  }
  return queries;
}

// --- measurement --------------------------------------------------------------------------------

let collect: (() => void) | null = null;
function gc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
}

/** Heap plus memory outside it: the index keeps its postings in typed arrays, which live there. */
function heapMiB(): number {
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 1024 / 1024;
}

interface RunFigures {
  buildMs: number;
  buildCpuMs: number;
  /** Ours only: the whole book through ClientIndexBuilder, as a rebuild builds it (NaN otherwise). */
  bulkBuildMs: number;
  bulkBuildCpuMs: number;
  keystrokeP95: number;
  keystrokeCpuP95: number;
  keystrokeMax: number;
  updateP95: number;
  updateCpuP95: number;
  restoreMs: number;
  memoryMiB: number;
}

/** Wall time and this process's CPU time of one call, in ms. */
function timed(work: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function measureOnce(name: string, book: Book): RunFigures {
  const engine = ENGINES[name]!;
  const before = heapMiB();
  const index = engine.make();
  const build = timed(() => {
    for (const doc of book.docs) index.upsert(doc);
    index.search('прогрев'); // the first search folds the bulk load in; count it in the build
  });
  const memoryMiB = heapMiB() - before;
  const bulk =
    name === 'own'
      ? timed(() => {
          const builder = new ClientIndexBuilder();
          for (const doc of book.docs) builder.add(doc);
          InvertedClientIndex.unpack(builder.finish().packed)?.search('прогрев');
        })
      : { wall: NaN, cpu: NaN };

  const keystrokes = book.queries.flatMap((query) =>
    Array.from(query, (_, len) => timed(() => index.search(query.slice(0, len + 1)))),
  );

  // A write replaces one client's document; the next keystroke must already see it.
  const updates = Array.from({ length: 200 }, (_, u) => {
    const doc = book.docs[(u * 37) % book.docs.length] as ClientSearchDocument;
    return timed(() => {
      index.upsert({ ...doc, notes: [...doc.notes, `Правка ${u}`] });
      index.search('правка');
    });
  });

  const snapshot = structuredClone(index.serialize());
  const restore = timed(() => engine.restore(snapshot as never)?.search('прогрев'));

  return {
    buildMs: build.wall,
    buildCpuMs: build.cpu,
    bulkBuildMs: bulk.wall,
    bulkBuildCpuMs: bulk.cpu,
    keystrokeP95: percentile(
      keystrokes.map((k) => k.wall),
      95,
    ),
    keystrokeCpuP95: percentile(
      keystrokes.map((k) => k.cpu),
      95,
    ),
    keystrokeMax: Math.max(...keystrokes.map((k) => k.wall)),
    updateP95: percentile(
      updates.map((u) => u.wall),
      95,
    ),
    updateCpuP95: percentile(
      updates.map((u) => u.cpu),
      95,
    ),
    restoreMs: restore.wall,
    memoryMiB,
  };
}

export async function runSearchBench(): Promise<Metric[]> {
  const book = benchBook({
    seed: 'search-bench',
    clients: CLIENTS,
    notes: NOTES,
    locale: 'mixed',
    ownerId: 'bench',
    today: '2025-06-15',
  });
  const runs = benchRuns();
  const metrics: Metric[] = [];
  // BENCH_SEARCH_ENGINES=own skips MiniSearch for a quick run.
  const only = process.env.BENCH_SEARCH_ENGINES?.split(',');
  for (const name of Object.keys(ENGINES).filter((e) => !only || only.includes(e))) {
    const figures: RunFigures[] = [];
    for (let r = 0; r < runs; r++) figures.push(measureOnce(name, book));
    const series = (key: keyof RunFigures) => figures.map((f) => f[key]);
    const prefix = `search.${name}`;
    const lower = (unit: string, goal: number) => ({ unit, goal, better: 'lower' as const });
    metrics.push(
      metricFromRuns(`${prefix}.keystroke.p95`, series('keystrokeP95'), lower('ms', 16)),
      // CPU time of this process only: the code's own cost when other work shares the machine.
      metricFromRuns(`${prefix}.keystroke.cpu_p95`, series('keystrokeCpuP95'), lower('ms', 16)),
      metricFromRuns(`${prefix}.keystroke.max`, series('keystrokeMax'), lower('ms', 50)),
      metricFromRuns(`${prefix}.update.p95`, series('updateP95'), lower('ms', 16)),
      metricFromRuns(`${prefix}.update.cpu_p95`, series('updateCpuP95'), lower('ms', 16)),
      metricFromRuns(`${prefix}.build`, series('buildMs'), lower('ms', 5000)),
      metricFromRuns(`${prefix}.build.cpu`, series('buildCpuMs'), lower('ms', 5000)),
      metricFromRuns(`${prefix}.restore`, series('restoreMs'), lower('ms', 1000)),
      metricFromRuns(`${prefix}.memory`, series('memoryMiB'), lower('MiB', 150)),
    );
    if (name === CHOSEN) {
      metrics.push(
        metricFromRuns(`${prefix}.build.bulk`, series('bulkBuildMs'), lower('ms', 5000)),
        metricFromRuns(`${prefix}.build.bulk.cpu`, series('bulkBuildCpuMs'), lower('ms', 5000)),
      );
      metrics.push(metricFromRuns('search.keystroke.p95', series('keystrokeP95'), lower('ms', 16)));
    }
  }
  return metrics;
}

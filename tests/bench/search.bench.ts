/**
 * Client search: our inverted index against MiniSearch on 10k clients + 100k notes. Measures what
 * the rep feels (p95 per keystroke while typing real queries letter by letter), what a write costs
 * (one client's document replaced), index build and restore time, and the heap the index holds.
 * The figures and the choice are written up in docs/search.md.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import { benchRuns, median, metricFromRuns, percentile, type Metric } from './metric';
import { InvertedClientIndex } from '../../shared/search/inverted-index';
import { MiniSearchClientIndex } from '../../shared/search/minisearch-index';
import type { ClientSearchDocument } from '../../shared/search/document';

const CLIENTS = Number(process.env.BENCH_SEARCH_CLIENTS ?? 10_000);
const NOTES = Number(process.env.BENCH_SEARCH_NOTES ?? 100_000);

interface Engine {
  upsert(doc: ClientSearchDocument): void;
  search(query: string): { total: number };
  serialize(): unknown;
}

const ENGINES: Record<string, { make(): Engine; restore(data: never): Engine | null }> = {
  own: {
    make: () => new InvertedClientIndex(),
    restore: (data) => InvertedClientIndex.restore(data),
  },
  minisearch: {
    make: () => new MiniSearchClientIndex(),
    restore: (data) => MiniSearchClientIndex.restore(data),
  },
};

/** The engine the app ships (shared/search/index.ts); its keystroke p95 is the headline figure. */
const CHOSEN = 'own';

// --- deterministic book -------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES_RU =
  'ка ро ма ш ли на ве тер зо ло ст ан ов ин ск ий ев ра ду га ми ре фа со ль'.split(' ');
const SYLLABLES_EN =
  'an ber cor dell en fos gra hol ing ton ley mar nor ow pet quin ros stan ver wick'.split(' ');
const FIRST_RU =
  'Александр Мария Пётр Алёна Сергей Ольга Дмитрий Юлия Андрей Наталья Семён Елена'.split(' ');
const FIRST_EN = 'John Mary Peter Anna James Linda Robert Susan David Karen Michael Emma'.split(
  ' ',
);
const LEGAL = ['ООО', 'ИП', 'АО', 'LLC', 'Ltd'];
const TAGS = ['опт', 'сеть', 'HoReCa', 'розница', 'wholesale', 'VIP', 'регион', 'новый'];
const ITEMS = [
  'Кофемашина Jura E8',
  'Кофемолка Mahlkönig',
  'Фильтр BWT',
  'Espresso machine',
  'Холодильная витрина',
  'Service kit',
];
const COMMON_RU =
  'клиент обсудили поставку доволен просил перезвонить оплата задержка скидка договор монтаж обучение персонала гарантия сервис фильтры расходники встреча директор бухгалтерия счёт образцы'.split(
    ' ',
  );
const COMMON_EN =
  'client discussed delivery happy asked call back payment delay discount contract install training staff warranty service filters consumables meeting director invoice samples'.split(
    ' ',
  );

interface Book {
  docs: ClientSearchDocument[];
  queries: string[];
}

/** A book shaped like the demo generator's: names, people, phones in mixed formats, long notes. */
export function generateBook(clients: number, notes: number): Book {
  const rnd = mulberry32(20240611);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const word = (syllables: string[], parts: number) =>
    Array.from({ length: parts }, () => pick(syllables)).join('');
  // A rare-word vocabulary with a long tail, as in real notes (names of streets, models, places).
  const vocabulary = Array.from({ length: 20_000 }, (_, i) =>
    word(i % 2 ? SYLLABLES_RU : SYLLABLES_EN, 2 + (i % 3)),
  );
  const zipf = () => vocabulary[Math.floor(vocabulary.length * rnd() ** 3)] as string;
  const phone = () => {
    const d = Array.from({ length: 10 }, (_, i) => (i === 0 ? 9 : Math.floor(rnd() * 10))).join('');
    const formats = [
      `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
      `8 (${d.slice(0, 3)}) ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
      `8${d}`,
    ];
    return pick(formats);
  };
  const docs: ClientSearchDocument[] = [];
  for (let i = 0; i < clients; i++) {
    const ru = rnd() < 0.7;
    const surname = () =>
      capitalize(word(ru ? SYLLABLES_RU : SYLLABLES_EN, 3)) + (ru ? 'ов' : 'son');
    const company = capitalize(word(ru ? SYLLABLES_RU : SYLLABLES_EN, 2 + Math.floor(rnd() * 2)));
    const people = Array.from(
      { length: 1 + Math.floor(rnd() * 3) },
      () => `${pick(ru ? FIRST_RU : FIRST_EN)} ${surname()}`,
    );
    docs.push({
      id: `client-${i}`,
      name: `${pick(LEGAL)} «${company}»`,
      people,
      phones: people.map(phone),
      emails: people.map((p) => `${p.split(' ')[1]?.toLowerCase()}@${company.toLowerCase()}.ru`),
      tags: [pick(TAGS), pick(TAGS)],
      address: `${pick(['Казань', 'Москва', 'Самара', 'London'])}, ${zipf()} ${1 + Math.floor(rnd() * 99)}`,
      items: [pick(ITEMS), pick(ITEMS)],
      notes: [],
    });
  }
  for (let n = 0; n < notes; n++) {
    const doc = docs[Math.floor(rnd() * docs.length)] as ClientSearchDocument;
    const ru = rnd() < 0.7;
    const sentences = 1 + Math.floor(rnd() * 6);
    const words = Array.from({ length: sentences * 8 }, () =>
      rnd() < 0.7 ? pick(ru ? COMMON_RU : COMMON_EN) : zipf(),
    );
    doc.notes.push(capitalize(words.join(' ')) + '.');
  }
  const queries: string[] = [];
  for (let q = 0; q < 60; q++) {
    const doc = pick(docs);
    const kind = q % 6;
    if (kind === 0) queries.push(doc.name.split('«')[1]?.replace('»', '') ?? doc.name);
    else if (kind === 1) queries.push(pick(doc.people).split(' ')[1] ?? '');
    else if (kind === 2) queries.push(pick(doc.people));
    else if (kind === 3) queries.push(pick(doc.phones));
    else if (kind === 4) queries.push(zipf());
    else queries.push(`${pick(COMMON_RU)} ${zipf()}`);
  }
  return { docs, queries };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
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

function heapMiB(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

interface RunFigures {
  buildMs: number;
  keystrokeP95: number;
  keystrokeMax: number;
  updateP95: number;
  restoreMs: number;
  memoryMiB: number;
}

function measureOnce(name: string, book: Book): RunFigures {
  const engine = ENGINES[name]!;
  const before = heapMiB();
  let t = performance.now();
  const index = engine.make();
  for (const doc of book.docs) index.upsert(doc);
  index.search('прогрев'); // the first search sorts fresh words; count it in the build
  const buildMs = performance.now() - t;
  const memoryMiB = heapMiB() - before;

  const keystrokes: number[] = [];
  for (const query of book.queries) {
    for (let len = 1; len <= query.length; len++) {
      const typed = query.slice(0, len);
      t = performance.now();
      index.search(typed);
      keystrokes.push(performance.now() - t);
    }
  }

  // A write replaces one client's document; the next keystroke must already see it.
  const updates: number[] = [];
  for (let u = 0; u < 200; u++) {
    const doc = book.docs[(u * 37) % book.docs.length] as ClientSearchDocument;
    t = performance.now();
    index.upsert({ ...doc, notes: [...doc.notes, `Правка ${u}`] });
    index.search('правка');
    updates.push(performance.now() - t);
  }

  const snapshot = structuredClone(index.serialize());
  t = performance.now();
  const restored = engine.restore(snapshot as never);
  restored?.search('прогрев');
  const restoreMs = performance.now() - t;

  return {
    buildMs,
    keystrokeP95: percentile(keystrokes, 95),
    keystrokeMax: Math.max(...keystrokes),
    updateP95: percentile(updates, 95),
    restoreMs,
    memoryMiB,
  };
}

export async function runSearchBench(): Promise<Metric[]> {
  const book = generateBook(CLIENTS, NOTES);
  const runs = benchRuns();
  const metrics: Metric[] = [];
  for (const name of Object.keys(ENGINES)) {
    const figures: RunFigures[] = [];
    for (let r = 0; r < runs; r++) figures.push(measureOnce(name, book));
    const series = (key: keyof RunFigures) => figures.map((f) => f[key]);
    const prefix = `search.${name}`;
    metrics.push(
      metricFromRuns(`${prefix}.keystroke.p95`, series('keystrokeP95'), {
        unit: 'ms',
        goal: 16,
        better: 'lower',
      }),
      metricFromRuns(`${prefix}.keystroke.max`, series('keystrokeMax'), {
        unit: 'ms',
        goal: 50,
        better: 'lower',
      }),
      metricFromRuns(`${prefix}.update.p95`, series('updateP95'), {
        unit: 'ms',
        goal: 16,
        better: 'lower',
      }),
      metricFromRuns(`${prefix}.build`, series('buildMs'), {
        unit: 'ms',
        goal: 5000,
        better: 'lower',
      }),
      metricFromRuns(`${prefix}.restore`, series('restoreMs'), {
        unit: 'ms',
        goal: 1000,
        better: 'lower',
      }),
      metricFromRuns(`${prefix}.memory`, series('memoryMiB'), {
        unit: 'MiB',
        goal: 150,
        better: 'lower',
      }),
    );
    if (name === CHOSEN) {
      metrics.push(
        metricFromRuns('search.keystroke.p95', series('keystrokeP95'), {
          unit: 'ms',
          goal: 16,
          better: 'lower',
        }),
      );
    }
  }
  return metrics;
}

/** `tsx tests/bench/search.bench.ts` runs this module alone. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const metrics = await runSearchBench();
  for (const m of metrics) {
    console.log(
      `${m.name.padEnd(34)} ${String(m.value).padStart(9)} ${m.unit.padEnd(4)} [${m.min}..${m.max}] goal ${m.goal}`,
    );
  }
  console.log(
    `(${((performance.now() - started) / 1000).toFixed(1)} s, median of ${median([benchRuns()])} runs)`,
  );
}

/**
 * "Hand-written only where it wins" (issue 14): our CSV reader against papaparse (chunked
 * streaming), our vCard reader against ical.js (a maintained RFC 6350 parser), and our UUIDv7
 * against the `uuid` package's v7. Each on a corpus of real-world oddities (cases passed, of all)
 * and on the same large file for speed. The figures and the choice are in docs/hand-written.md.
 *
 * Both CSV readers get the text from our decoder (shared/importing/encoding.ts): papaparse reads
 * strings, it does not detect Windows-1251, so the decoder is ours whichever reader is kept.
 */
import { performance } from 'node:perf_hooks';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { v7 as uuidV7 } from 'uuid';
import { encodeCp1251 } from '../../shared/importing/cp1251';
import { CsvParser, detectDelimiter, readCsvSlices } from '../../shared/importing/csv';
import { decodeImportFile } from '../../shared/importing/encoding';
import { parseVCards } from '../../shared/importing/vcard';
import { uuidv7 } from '../../shared/ids';
import { russianExcelCsv } from './importCsv';
import { benchRuns, metricFromRuns, type Metric } from './metric';

// --- CSV ----------------------------------------------------------------------------------------

interface CsvCase {
  name: string;
  bytes: Uint8Array;
  /** The records a rep expects (blank lines left out). */
  records: string[][];
  /** Whether the reader must say something is wrong (unclosed quote, text after a quote). */
  flagged: boolean;
}

const enc = (text: string) => new TextEncoder().encode(text);
const cp1251 = (text: string) => {
  const bytes = encodeCp1251(text);
  if (!bytes) throw new Error(`not Windows-1251: ${text}`);
  return bytes;
};

export const CSV_CORPUS: CsvCase[] = [
  {
    name: 'quoted line break and doubled quotes (Excel)',
    bytes: enc('Название;Примечание\r\n"ООО ""Ромашка""";"Склад во дворе;\nвъезд с торца"\r\n'),
    records: [
      ['Название', 'Примечание'],
      ['ООО "Ромашка"', 'Склад во дворе;\nвъезд с торца'],
    ],
    flagged: false,
  },
  {
    name: 'UTF-8 byte order mark',
    bytes: enc('\uFEFFName,Phone\r\nAcme,+1 555 0100\r\n'),
    records: [
      ['Name', 'Phone'],
      ['Acme', '+1 555 0100'],
    ],
    flagged: false,
  },
  {
    name: 'CRLF and LF mixed between records (two exports pasted together)',
    bytes: enc('Название;Город\r\nАльфа;Казань\r\nБета;Самара\nГамма;Пермь\nДельта;Уфа\r\n'),
    records: [
      ['Название', 'Город'],
      ['Альфа', 'Казань'],
      ['Бета', 'Самара'],
      ['Гамма', 'Пермь'],
      ['Дельта', 'Уфа'],
    ],
    flagged: false,
  },
  {
    name: 'Windows-1251 (Russian Excel "CSV")',
    bytes: cp1251('Название;Контакт\r\nООО «Ёлка»;Пётр Семёнов\r\n'),
    records: [
      ['Название', 'Контакт'],
      ['ООО «Ёлка»', 'Пётр Семёнов'],
    ],
    flagged: false,
  },
  {
    name: 'empty trailing fields',
    bytes: enc('a;b;c;d\r\n1;;;\r\n;;;\r\n2;x;;\r\n'),
    records: [
      ['a', 'b', 'c', 'd'],
      ['1', '', '', ''],
      ['', '', '', ''],
      ['2', 'x', '', ''],
    ],
    flagged: false,
  },
  {
    name: 'blank lines between records',
    bytes: enc('Name,City\r\n\r\nAcme,Berlin\r\n\r\n\r\nGlobex,Paris\r\n'),
    records: [
      ['Name', 'City'],
      ['Acme', 'Berlin'],
      ['Globex', 'Paris'],
    ],
    flagged: false,
  },
  {
    name: 'quote inside an unquoted field (ООО "Ромашка" typed by hand)',
    bytes: enc('Название;Город\r\nООО "Ромашка";Казань\r\n'),
    records: [
      ['Название', 'Город'],
      ['ООО "Ромашка"', 'Казань'],
    ],
    flagged: false,
  },
  {
    name: 'text after a closing quote is flagged',
    bytes: enc('Название;Город\r\n"ООО "Ромашка" и партнёры";Казань\r\n'),
    records: [
      ['Название', 'Город'],
      ['ООО "Ромашка" и партнёры', 'Казань'],
    ],
    flagged: true,
  },
  {
    name: 'a quote never closed is an error, not a silent swallow',
    bytes: enc('Название;Город\r\n"Альфа;Казань\r\nБета;Самара\r\n'),
    // Only the error counts: what a reader shows after it differs and the app stops there.
    records: [],
    flagged: true,
  },
  {
    name: 'tab-separated, no final line break',
    bytes: enc('Name\tPhone\nAcme\t555-0100'),
    records: [
      ['Name', 'Phone'],
      ['Acme', '555-0100'],
    ],
    flagged: false,
  },
  {
    name: 'old Mac line ends (CR only)',
    bytes: enc('Name;City\rAcme;Berlin\rGlobex;Paris\r'),
    records: [
      ['Name', 'City'],
      ['Acme', 'Berlin'],
      ['Globex', 'Paris'],
    ],
    flagged: false,
  },
  {
    name: 'semicolon file whose notes are full of commas',
    bytes: enc('Название;Примечание;Город\r\nАльфа;звонить утром, до 10, не позже;Казань\r\n'),
    records: [
      ['Название', 'Примечание', 'Город'],
      ['Альфа', 'звонить утром, до 10, не позже', 'Казань'],
    ],
    flagged: false,
  },
];

interface CsvOutcome {
  records: string[][];
  flagged: boolean;
}

function decoded(bytes: Uint8Array): string {
  const result = decodeImportFile(bytes);
  if (!result.ok) throw new Error(result.error.code);
  return result.text;
}

function readOwn(text: string): CsvOutcome {
  const parser = new CsvParser({ delimiter: detectDelimiter(text) });
  const records: string[][] = [];
  let flagged = false;
  for (const slice of readCsvSlices(text, parser)) {
    for (const r of slice.records) {
      records.push(r.fields);
      if (r.error) flagged = true;
    }
  }
  if (parser.error) flagged = true;
  return { records, flagged };
}

function readPapa(text: string, chunkSize = 16 * 1024): CsvOutcome {
  const records: string[][] = [];
  let flagged = false;
  // A string with chunkSize and chunk: papaparse streams it in chunks, synchronously (its typings
  // only describe chunk for files and workers).
  const parseChunked = Papa.parse as unknown as (
    input: string,
    config: Papa.ParseConfig<string[]> & {
      chunkSize: number;
      chunk: (results: Papa.ParseResult<string[]>) => void;
    },
  ) => void;
  parseChunked(text, {
    delimitersToGuess: [';', ',', '\t'],
    skipEmptyLines: true,
    chunkSize,
    chunk: (results) => {
      for (const row of results.data) records.push(row);
      if (results.errors.length > 0) flagged = true;
    },
  });
  return { records, flagged };
}

function scoreCsv(read: (text: string) => CsvOutcome): { passed: number; failed: string[] } {
  const failed: string[] = [];
  for (const c of CSV_CORPUS) {
    let ok = false;
    try {
      const out = read(decoded(c.bytes));
      const records = c.flagged ? out.records.slice(0, c.records.length) : out.records;
      ok = out.flagged === c.flagged && JSON.stringify(records) === JSON.stringify(c.records);
    } catch {
      ok = false;
    }
    if (!ok) failed.push(c.name);
  }
  return { passed: CSV_CORPUS.length - failed.length, failed };
}

// --- vCard --------------------------------------------------------------------------------------

interface Contact {
  name: string;
  phones: string[];
  emails: string[];
  birthday: string | null;
  org: string;
}

interface VCardCase {
  name: string;
  text: string;
  contacts: Contact[];
  /** How many problems the reader must report (cards cut off or with a broken BEGIN). */
  problems: number;
}

const contact = (c: Partial<Contact> & { name: string }): Contact => ({
  phones: [],
  emails: [],
  birthday: null,
  org: '',
  ...c,
});
const qp = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

export const VCARD_CORPUS: VCardCase[] = [
  {
    name: 'vCard 3.0 (iPhone, Google): types, groups, escaped comma',
    text: [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Иванов;Пётр;;;',
      'FN:Пётр Иванов',
      'ORG:ООО «Ромашка»\\, филиал;Закупки',
      'item1.TEL;TYPE=CELL:+7 912 345-67-89',
      'EMAIL;TYPE=INTERNET:petr@romashka.ru',
      'BDAY:1980-03-15',
      'END:VCARD',
    ].join('\r\n'),
    contacts: [
      contact({
        name: 'Пётр Иванов',
        phones: ['+7 912 345-67-89'],
        emails: ['petr@romashka.ru'],
        birthday: '1980-03-15',
        org: 'ООО «Ромашка», филиал',
      }),
    ],
    problems: 0,
  },
  {
    name: 'vCard 4.0: tel: URI, year-less birthday',
    text: [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Anna Smith',
      'TEL;VALUE=uri;TYPE=cell:tel:+1-555-0100',
      'BDAY:--0315',
      'END:VCARD',
    ].join('\r\n'),
    contacts: [contact({ name: 'Anna Smith', phones: ['+1-555-0100'], birthday: '--03-15' })],
    problems: 0,
  },
  {
    name: 'folded long lines (RFC 6350 3.2)',
    text: [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Константин Константинович Константино',
      ' польский',
      'EMAIL:konstantin.konstantinopolsky@very-long-domain-name',
      ' .example.ru',
      'END:VCARD',
    ].join('\r\n'),
    contacts: [
      contact({
        name: 'Константин Константинович Константинопольский',
        emails: ['konstantin.konstantinopolsky@very-long-domain-name.example.ru'],
      }),
    ],
    problems: 0,
  },
  {
    name: 'vCard 2.1 QUOTED-PRINTABLE UTF-8 with a soft line break (old Android)',
    text: [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(enc('Ольга')).slice(0, 15)}=`,
      `${qp(enc('Ольга')).slice(15)}${qp(enc(' Ёлкина'))}`,
      'TEL;CELL;VOICE:+79120001122',
      'END:VCARD',
    ].join('\r\n'),
    contacts: [contact({ name: 'Ольга Ёлкина', phones: ['+79120001122'] })],
    problems: 0,
  },
  {
    name: 'vCard 2.1 QUOTED-PRINTABLE Windows-1251 (old Nokia, Outlook)',
    text: [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `N;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:${qp(cp1251('Семёнов'))};${qp(cp1251('Андрей'))}`,
      'TEL;WORK:8 495 111-22-33',
      'END:VCARD',
    ].join('\r\n'),
    contacts: [contact({ name: 'Семёнов Андрей', phones: ['8 495 111-22-33'] })],
    problems: 0,
  },
  {
    name: 'vCard 2.1 BASE64 name',
    text: [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `FN;CHARSET=UTF-8;ENCODING=BASE64:${Buffer.from('Мария').toString('base64')}`,
      'END:VCARD',
    ].join('\r\n'),
    contacts: [contact({ name: 'Мария' })],
    problems: 0,
  },
  {
    name: 'three cards, LF line ends, one with a misspelt BEGIN',
    text: [
      'BEGIN:VCARD\nVERSION:3.0\nFN:Альфа\nEND:VCARD',
      'BEGN:VCARD\nVERSION:3.0\nFN:Бета\nEND:VCARD',
      'BEGIN:VCARD\nVERSION:3.0\nFN:Гамма\nEND:VCARD',
    ].join('\n'),
    contacts: [contact({ name: 'Альфа' }), contact({ name: 'Бета' }), contact({ name: 'Гамма' })],
    problems: 1,
  },
  {
    name: 'a card cut off at the end of the file (no END)',
    text: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Альфа\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Бета\r\n',
    contacts: [contact({ name: 'Альфа' }), contact({ name: 'Бета' })],
    problems: 1,
  },
];

interface VCardOutcome {
  contacts: Contact[];
  problems: number;
}

function readOwnVCards(text: string): VCardOutcome {
  const parsed = parseVCards(text);
  if (!parsed.ok) throw new Error(parsed.error.code);
  return {
    contacts: parsed.cards.map((c) =>
      contact({
        name: c.person.name,
        phones: c.person.channels.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
        emails: c.person.channels.filter((ch) => ch.kind === 'email').map((ch) => ch.value),
        birthday: c.person.birthday,
        org: c.organization,
      }),
    ),
    problems: parsed.errors.length,
  };
}

/** ical.js's reading mapped to the same contact: FN (or N), TEL, EMAIL, BDAY, ORG. */
function readIcalVCards(text: string): VCardOutcome {
  const parsed = ICAL.parse(text) as unknown;
  const list = (
    Array.isArray(parsed) && parsed[0] === 'vcard' ? [parsed] : (parsed as unknown[])
  ) as unknown[];
  const contacts = list.map((jcard) => {
    const card = new ICAL.Component(jcard as never);
    const str = (v: unknown) => (Array.isArray(v) ? v.filter(Boolean).join(' ') : String(v ?? ''));
    const n = card.getFirstPropertyValue('n');
    const name = str(card.getFirstPropertyValue('fn')) || str(n);
    const bday = card.getFirstPropertyValue('bday');
    let birthday: string | null = null;
    if (bday) {
      const b = bday as { year?: number | null; month?: number; day?: number };
      birthday =
        typeof bday === 'string'
          ? bday
          : `${b.year ? String(b.year) : '-'}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
    }
    const org = card.getFirstPropertyValue('org');
    return contact({
      name: name.trim(),
      phones: card.getAllProperties('tel').map((p) => str(p.getFirstValue()).replace(/^tel:/i, '')),
      emails: card.getAllProperties('email').map((p) => str(p.getFirstValue())),
      birthday,
      org: Array.isArray(org) ? String(org[0] ?? '') : str(org),
    });
  });
  return { contacts, problems: 0 };
}

function scoreVCards(read: (text: string) => VCardOutcome): { passed: number; failed: string[] } {
  const failed: string[] = [];
  for (const c of VCARD_CORPUS) {
    let ok = false;
    try {
      const out = read(c.text);
      ok =
        JSON.stringify(out.contacts) === JSON.stringify(c.contacts) &&
        (c.problems === 0 ? out.problems === 0 : out.problems >= c.problems);
    } catch {
      ok = false;
    }
    if (!ok) failed.push(c.name);
  }
  return { passed: VCARD_CORPUS.length - failed.length, failed };
}

function bigVCardFile(cards: number): string {
  const out: string[] = [];
  for (let i = 0; i < cards; i++) {
    out.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `N:Семёнов ${i};Пётр;Андреевич;;`,
        `FN:Пётр Семёнов ${i}`,
        `ORG:ООО «Подсолнух ${i}»`,
        `TEL;TYPE=CELL:+7 912 ${String(i).padStart(7, '0')}`,
        `EMAIL;TYPE=INTERNET:client${i}@example.ru`,
        `BDAY:19${String(50 + (i % 50))}-0${1 + (i % 9)}-1${i % 9}`,
        'NOTE:Обсудили поставку фильтров\\, перезвонить в пятницу',
        'END:VCARD',
      ].join('\r\n'),
    );
  }
  return out.join('\r\n');
}

// --- UUIDv7 -------------------------------------------------------------------------------------

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface UuidCheck {
  name: string;
  check(make: (ms?: number) => string): boolean;
}

/** What Fieldbook needs of an id maker (issue 9's tests state the same). */
const UUID_CHECKS: UuidCheck[] = [
  {
    name: 'RFC 9562 version 7 and variant bits',
    check: (make) => Array.from({ length: 1000 }, () => make()).every((id) => V7.test(id)),
  },
  {
    name: 'strictly increasing over 100k ids made as fast as possible',
    check: (make) => {
      let last = '';
      for (let i = 0; i < 100_000; i++) {
        const id = make();
        if (id <= last) return false;
        last = id;
      }
      return true;
    },
  },
  {
    name: 'an id made for a given time carries that time (imports, tests, the demo book)',
    check: (make) => {
      const t = Date.now() + 3_600_000;
      return parseInt(make(t).replace(/-/g, '').slice(0, 12), 16) === t;
    },
  },
  {
    name: 'never goes backwards when the clock does',
    check: (make) => {
      const first = make(Date.now() + 7_200_000);
      const later = [make(Date.now()), make(0), make(Date.parse('2000-01-01T00:00:00Z'))];
      return later.every((id, i) => id > (i === 0 ? first : later[i - 1]!));
    },
  },
];

/** The `uuid` package's v7, as a drop-in would call it: its own clock, or the given time. */
const packageV7 = (ms?: number) => (ms === undefined ? uuidV7() : uuidV7({ msecs: ms }));
const ownV7 = (ms?: number) => uuidv7(ms);

function scoreUuid(make: (ms?: number) => string): { passed: number; failed: string[] } {
  const failed = UUID_CHECKS.filter((c) => !c.check(make)).map((c) => c.name);
  return { passed: UUID_CHECKS.length - failed.length, failed };
}

// --- the benches --------------------------------------------------------------------------------

const CSV_ROWS = Number(process.env.BENCH_READERS_CSV_ROWS ?? 50_000);
const VCARDS = Number(process.env.BENCH_READERS_VCARDS ?? 10_000);
const UUIDS = 200_000;

function timeRuns(work: () => void): number[] {
  const samples: number[] = [];
  for (let run = 0; run < benchRuns(); run++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples;
}

function corpusMetric(name: string, score: { passed: number; failed: string[] }, total: number) {
  if (score.failed.length > 0) console.error(`  ${name} failed: ${score.failed.join(' | ')}`);
  return metricFromRuns(name, [score.passed], { unit: 'cases', goal: total, better: 'higher' });
}

export async function runCsvReaderBench(): Promise<Metric[]> {
  const text = russianExcelCsv(CSV_ROWS);
  const own = timeRuns(() => {
    if (readOwn(text).records.length !== CSV_ROWS + 1) throw new Error('own reader lost rows');
  });
  const papa = timeRuns(() => {
    if (readPapa(text).records.length !== CSV_ROWS + 1) throw new Error('papaparse lost rows');
  });
  const spec = { unit: 'ms', goal: 1000, better: 'lower' as const };
  const mib = (text.length * 2) / 2 ** 20;
  console.error(`  CSV: ${CSV_ROWS} rows, ${text.length} chars (~${mib.toFixed(0)} MiB in UTF-16)`);
  return [
    corpusMetric('readers.csv.own.corpus', scoreCsv(readOwn), CSV_CORPUS.length),
    corpusMetric('readers.csv.papaparse.corpus', scoreCsv(readPapa), CSV_CORPUS.length),
    metricFromRuns(`readers.csv.own.read${CSV_ROWS / 1000}k`, own, spec),
    metricFromRuns(`readers.csv.papaparse.read${CSV_ROWS / 1000}k`, papa, spec),
  ];
}

export async function runVCardReaderBench(): Promise<Metric[]> {
  const text = bigVCardFile(VCARDS);
  const own = timeRuns(() => {
    if (readOwnVCards(text).contacts.length !== VCARDS) throw new Error('own reader lost cards');
  });
  const ical = timeRuns(() => {
    if (readIcalVCards(text).contacts.length !== VCARDS) throw new Error('ical.js lost cards');
  });
  const spec = { unit: 'ms', goal: 1000, better: 'lower' as const };
  return [
    corpusMetric('readers.vcard.own.corpus', scoreVCards(readOwnVCards), VCARD_CORPUS.length),
    corpusMetric('readers.vcard.icaljs.corpus', scoreVCards(readIcalVCards), VCARD_CORPUS.length),
    metricFromRuns(`readers.vcard.own.read${VCARDS / 1000}k`, own, spec),
    metricFromRuns(`readers.vcard.icaljs.read${VCARDS / 1000}k`, ical, spec),
  ];
}

export async function runUuidV7Bench(): Promise<Metric[]> {
  // Correctness first: the uuid package's state is per process, so score it before timing it.
  const ownScore = scoreUuid(ownV7);
  const packageScore = scoreUuid(packageV7);
  const rate = (make: () => string) =>
    timeRuns(() => {
      let sink = '';
      for (let i = 0; i < UUIDS; i++) sink = make();
      if (sink.length !== 36) throw new Error('no id');
    }).map((ms) => UUIDS / (ms / 1000));
  const spec = { unit: 'ids/s', goal: 200_000, better: 'higher' as const };
  return [
    corpusMetric('readers.uuidv7.own.checks', ownScore, UUID_CHECKS.length),
    corpusMetric('readers.uuidv7.uuid.checks', packageScore, UUID_CHECKS.length),
    metricFromRuns(
      'readers.uuidv7.own.rate',
      rate(() => uuidv7()),
      spec,
    ),
    metricFromRuns(
      'readers.uuidv7.uuid.rate',
      rate(() => uuidV7()),
      spec,
    ),
  ];
}

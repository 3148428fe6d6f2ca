/**
 * Writes a demo book to a file or stdout, for looking at the data or seeding other tools:
 *
 *   npx tsx tests/bench/demo-cli.ts --clients 200 --notes 2000 --locale ru --out demo.ndjson
 *
 * Options: --seed (default 1), --clients (100), --notes (1000), --locale ru|en|mixed (mixed),
 * --owner (demo-rep), --today YYYY-MM-DD (today, UTC), --format ndjson|json (ndjson), --out FILE.
 * ndjson streams one {"table", "record"} line per record; json holds {table: records[]} in memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { collectDemoBook, generateDemoBook, type DemoBookOptions } from '../../shared/demo';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    clients: { type: 'string', default: '100' },
    notes: { type: 'string', default: '1000' },
    locale: { type: 'string', default: 'mixed' },
    owner: { type: 'string', default: 'demo-rep' },
    today: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    format: { type: 'string', default: 'ndjson' },
    out: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!['ru', 'en', 'mixed'].includes(values.locale)) fail('--locale must be ru, en or mixed');
if (!['ndjson', 'json'].includes(values.format)) fail('--format must be ndjson or json');

const options: DemoBookOptions = {
  seed: values.seed,
  clients: Number(values.clients),
  notes: Number(values.notes),
  locale: values.locale as DemoBookOptions['locale'],
  ownerId: values.owner,
  today: values.today,
};

const out: WriteStream | NodeJS.WriteStream = values.out
  ? createWriteStream(values.out)
  : process.stdout;

/** Waits for the stream to drain when its buffer is full, so a big book never piles up in memory. */
function write(text: string): Promise<void> | void {
  if (!out.write(text)) return new Promise((resolve) => out.once('drain', () => resolve()));
}

async function main(): Promise<void> {
  let count = 0;
  if (values.format === 'json') {
    const book = collectDemoBook(options);
    count = Object.values(book).reduce((n, records) => n + records.length, 0);
    await write(`${JSON.stringify(book)}\n`);
  } else {
    for (const batch of generateDemoBook(options)) {
      let chunk = '';
      for (const record of batch.records)
        chunk += `${JSON.stringify({ table: batch.table, record })}\n`;
      count += batch.records.length;
      await write(chunk);
    }
  }
  if (values.out) await new Promise<void>((resolve) => (out as WriteStream).end(resolve));
  console.error(`${count} records${values.out ? ` written to ${values.out}` : ''}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

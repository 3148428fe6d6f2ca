// The rep's-zone view of UTC stamps (renderer/data/localTime.ts inRepsZone): its cached per-day
// ranges must give exactly what asking the zone about each stamp gives, in any zone, on DST
// switch days too, and for stamps of unusual shapes.
import { describe, expect, it } from 'vitest';
import { formatISO } from 'date-fns';
import { inRepsZone } from '../../../renderer/data/localTime';
import { summarizeClient } from '../../../renderer/features/clients/data/clientSummary';
import type { Note } from '../../../shared/domain';
import { client, note } from '../../unit/followups/book';

/** The rule spelled out per row, with the zone asked about every stamp. */
function reference<T extends { createdAt: string }>(row: T): T {
  const stamp = row.createdAt;
  if (!stamp.endsWith('Z')) return row;
  const at = new Date(stamp);
  if (Number.isNaN(at.getTime())) return row;
  if (
    Number(stamp.slice(0, 4)) === at.getFullYear() &&
    Number(stamp.slice(5, 7)) === at.getMonth() + 1 &&
    Number(stamp.slice(8, 10)) === at.getDate()
  )
    return row;
  return { ...row, createdAt: formatISO(at) };
}

function inZone(zone: string, run: () => void) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    run();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/** Stamps every 7 minutes 13 seconds (and a few ms) over the days around `from`. */
function stampsAround(from: string, days: number): { id: number; createdAt: string }[] {
  const rows: { id: number; createdAt: string }[] = [];
  const start = Date.parse(`${from}T00:00:00.000Z`) - 86_400_000;
  for (let t = start, i = 0; t < start + days * 86_400_000; t += 433_007, i++) {
    const iso = new Date(t).toISOString();
    rows.push({ id: i, createdAt: i % 3 === 0 ? `${iso.slice(0, 19)}Z` : iso });
  }
  return rows;
}

const ZONES = [
  'Europe/Moscow',
  'America/New_York',
  'UTC',
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // half-hour DST
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -03:30 / -02:30
  'Pacific/Kiritimati', // +14:00
];

// Days with DST switches in 2025 in those zones, and plain ones.
const DAYS = ['2025-03-09', '2025-03-30', '2025-04-06', '2025-09-28', '2025-10-26', '2025-11-02'];

describe('the rep’s zone of UTC stamps', () => {
  it('gives what asking the zone about each stamp gives, in every zone and on switch days', () => {
    for (const zone of ZONES) {
      inZone(zone, () => {
        for (const day of DAYS) {
          const rows = stampsAround(day, 3);
          const got = inRepsZone(rows);
          const want = rows.map(reference);
          expect(got, `${zone} ${day}`).toEqual(want);
          // Unchanged rows are the very same objects, so nothing is copied for them.
          got.forEach((row, i) => {
            if (want[i] === rows[i]) expect(row).toBe(rows[i]);
          });
        }
      });
    }
  });

  it('moves a note after midnight in Moscow to that Moscow day, and an evening one in New York to that evening', () => {
    const rows = [
      { createdAt: '2025-03-09T21:30:00.000Z' },
      { createdAt: '2025-03-10T02:00:00.000Z' },
      { createdAt: '2025-03-10T12:00:00.000Z' },
    ];
    // One process, two zones one after the other: the second must not reuse the first's days.
    inZone('Europe/Moscow', () => {
      expect(inRepsZone(rows).map((r) => r.createdAt)).toEqual([
        '2025-03-10T00:30:00+03:00',
        '2025-03-10T02:00:00.000Z',
        '2025-03-10T12:00:00.000Z',
      ]);
    });
    inZone('America/New_York', () => {
      expect(inRepsZone(rows).map((r) => r.createdAt)).toEqual([
        '2025-03-09T21:30:00.000Z',
        '2025-03-09T22:00:00-04:00',
        '2025-03-10T12:00:00.000Z',
      ]);
    });
  });

  it('leaves local, broken and unusual stamps as the per-row rule does', () => {
    const odd = [
      '2025-03-10T00:30:00+03:00',
      'not a date',
      '',
      'Z',
      '2025-02-30T22:00:00.000Z',
      '2025-13-01T22:00:00.000Z',
      '2025-03-10T24:00:00.000Z',
      '2025-03-10T23:59:60.000Z',
      '2025-03-10T22:00Z',
      '2025-03-10T22:00:00.1234Z',
      '2025-03-10T22:00:00,123Z',
      '+002025-03-10T22:00:00.000Z',
      '0099-03-10T22:00:00.000Z',
      '1880-03-10T22:00:00.000Z',
      '1971-03-10T23:30:00.000Z',
      '2025-03-1xT22:00:00.000Z',
    ].map((createdAt, id) => ({ id, createdAt }));
    // Monrovia kept an offset with seconds (-00:44:30) until 1972.
    for (const zone of ['Europe/Moscow', 'America/New_York', 'Asia/Kathmandu', 'Africa/Monrovia']) {
      inZone(zone, () => {
        expect(inRepsZone(odd), zone).toEqual(odd.map(reference));
      });
    }
  });
});

describe("the client book's last contact, on the rep's day", () => {
  const book = client({ createdAt: '2025-03-01T21:30:00.000Z' });
  const noteAt = (createdAt: string): Note => note(book.id, createdAt);
  const records = (notes: Note[]) => ({
    client: book,
    people: [],
    purchases: [],
    visits: [],
    notes,
    contacts: [],
    followUps: [],
    problems: [],
    retentionPlans: [],
    checklistRuns: [],
  });

  it('a note written at 00:30 in Moscow is that Moscow day’s contact, as the follow-up rules count it', () => {
    // 21:30 UTC is 00:30 the next day in Moscow and 17:30 the same day in New York.
    const summaries = (zone: string) => {
      let out: ReturnType<typeof summarizeClient>[] = [];
      inZone(zone, () => {
        out = [
          summarizeClient(records([noteAt('2025-03-10T21:30:00.000Z')])),
          summarizeClient(records([])),
        ];
      });
      return out;
    };
    const [moscow, moscowNew] = summaries('Europe/Moscow');
    expect(moscow!.lastContact).toBe('2025-03-11');
    // With no contact yet, the cadence counts from the day the client was added, also the rep's.
    expect(moscowNew!.lastContact).toBeNull();
    expect(moscowNew!.contactSince).toBe('2025-03-02');
    const [newYork] = summaries('America/New_York');
    expect(newYork!.lastContact).toBe('2025-03-10');
  });
});

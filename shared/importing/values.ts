import type { ClientStatus } from '../domain/client';
import { normalizeText } from '../search/normalize';

/**
 * Reading the values of one cell the way reps write them: several phones in a cell, Russian
 * date order, statuses in either language.
 */

/**
 * A cell as it was before a spreadsheet's formula guard: the app's own export (and Excel's «text»
 * marker) writes an apostrophe before a value starting with =, +, -, @, a tab or a carriage
 * return (shared/importing/spreadsheet.ts); reading it back drops that apostrophe, so a phone
 * +7 912… or an address «-1 этаж» comes back as it was.
 */
export function unguardFormula(cell: string): string {
  const v = cell.trim();
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1).trim() : v;
}

/** Phones, e-mails and tags often share a cell: split on commas, semicolons, slashes, lines. */
export function splitList(cell: string, separators = /[,;/\n]+/): string[] {
  return cell
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A phone: 7 to 15 digits written with the usual signs, maybe with an extension. */
export function isPlausiblePhone(value: string): boolean {
  const main = value.replace(/\s*(доб|ext|x)\.?\s*\d{1,6}\s*$/i, '');
  if (!/^\+?[\d\s\-().]+$/.test(main)) return false;
  const digits = main.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

const EMAIL = /^[^\s@,;<>()[\]"]+@[^\s@,;<>()[\]"]+\.[^\s@,;<>()[\]".]{2,}$/;
export function isPlausibleEmail(value: string): boolean {
  return value.length <= 200 && EMAIL.test(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Years a real birthday or purchase falls in; a date outside asks the rep to confirm it. */
export const PLAUSIBLE_YEARS = { min: 1900, max: 2100 } as const;

/**
 * A date as read from what a rep typed:
 * - `ok` with the stored form (YYYY-MM-DD, or --MM-DD without a year) and whether the year is
 *   implausible (before 1900 or after 2100: 1890 for 1990, 9999 for "never"), to be confirmed;
 * - `impossible` when it names a day no calendar has (31 February, 31 April, month 13);
 * - `unreadable` when it is not written as a date at all.
 */
export type DateReading =
  | { ok: true; value: string; implausible: boolean }
  | { ok: false; reason: 'impossible' | 'unreadable' };

function isPlausibleYear(year: number): boolean {
  return year >= PLAUSIBLE_YEARS.min && year <= PLAUSIBLE_YEARS.max;
}

function readParts(year: number | null, month: number, day: number): DateReading {
  // Without a year, 29 February is a real birthday.
  const days =
    month >= 1 && month <= 12 ? new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > days || (year !== null && year < 1))
    return { ok: false, reason: 'impossible' };
  return {
    ok: true,
    value: `${year === null ? '-' : String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
    implausible: year !== null && !isPlausibleYear(year),
  };
}

/**
 * Reads a date the way reps write it: 15.03.1980, 15.03, 1980-03-15, 15/03/1980, --03-15,
 * 19800315 (vCard). A day without a year is allowed only when `allowNoYear` (birthdays).
 */
export function readDate(value: string, options: { allowNoYear?: boolean } = {}): DateReading {
  const v = value.trim();
  let m: RegExpMatchArray | null;
  if ((m = v.match(/^(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?$/))) {
    if (!m[3] && !options.allowNoYear) return { ok: false, reason: 'unreadable' };
    return readParts(m[3] ? Number(m[3]) : null, Number(m[2]), Number(m[1]));
  }
  if ((m = v.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/))) {
    return readParts(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (options.allowNoYear && (m = v.match(/^--(\d{2})-?(\d{2})$/))) {
    return readParts(null, Number(m[1]), Number(m[2]));
  }
  return { ok: false, reason: 'unreadable' };
}

/** readDate for birthdays: the year may be left out. */
export function readBirthday(value: string): DateReading {
  return readDate(value, { allowNoYear: true });
}

/**
 * A birthday as stored (YYYY-MM-DD, or --MM-DD when the year is unknown), or null when it is
 * unreadable, impossible or implausible; use readBirthday to tell those apart.
 */
export function parseBirthday(value: string): string | null {
  const read = readBirthday(value);
  return read.ok && !read.implausible ? read.value : null;
}

/**
 * The words the app itself shows come first (clients.status.* and clients.kind.* in both
 * languages: what its CSV export writes and what the import hint offers), then what other
 * spreadsheets and CRMs write. tests/unit/importing/ui-words.test.ts holds the two together.
 */
const STATUS_WORDS: Record<ClientStatus, string[]> = {
  prospect: ['prospect', 'lead', 'new', 'потенциальный', 'потенциальный клиент', 'лид', 'новый'],
  active: [
    'active',
    'client',
    'customer',
    'current',
    'активный',
    'клиент',
    'действующий',
    'постоянный',
  ],
  at_risk: [
    'at risk',
    'risk',
    'под угрозой ухода',
    'под угрозой',
    'угроза ухода',
    'в зоне риска',
    'риск',
  ],
  lost: [
    'lost',
    'churned',
    'former',
    'потерян',
    'потерянный',
    'ушел',
    'ушла',
    'ушли',
    'ушедший',
    'отток',
    'бывший',
  ],
  won_back: ['won back', 'returned', 'возвращен', 'вернулся', 'возвращенный'],
};

/** A status in Russian or English; undefined when the cell says something else. */
export function parseStatus(value: string): ClientStatus | undefined {
  const v = normalizeText(value);
  for (const [status, words] of Object.entries(STATUS_WORDS) as [ClientStatus, string[]][]) {
    if (words.includes(v) || normalizeText(status) === v) return status;
  }
  return undefined;
}

const KIND_WORDS: Record<'company' | 'person', string[]> = {
  company: [
    'company',
    'organization',
    'organisation',
    'business',
    'b2b',
    'компания',
    'организация',
    'юрлицо',
    'юр лицо',
    'юридическое лицо',
    'ип',
    'ооо',
  ],
  person: [
    'person',
    'individual',
    'private',
    'private person',
    'b2c',
    'частное лицо',
    'физлицо',
    'физ лицо',
    'физическое лицо',
    'частный',
  ],
};

export function parseKind(value: string): 'company' | 'person' | undefined {
  const v = normalizeText(value);
  if (KIND_WORDS.company.includes(v)) return 'company';
  if (KIND_WORDS.person.includes(v)) return 'person';
  return undefined;
}

/** Legal forms that mark a name as a company's, and that duplicate detection looks past. */
export const LEGAL_FORMS = new Set([
  'ооо',
  'ип',
  'ао',
  'зао',
  'пао',
  'оао',
  'нко',
  'ано',
  'гуп',
  'муп',
  'тоо',
  'чп',
  'llc',
  'ltd',
  'inc',
  'gmbh',
  'corp',
  'plc',
  'co',
  'sa',
  'ag',
  'bv',
  'oy',
]);

export function hasLegalForm(name: string): boolean {
  return normalizeText(name)
    .split(' ')
    .some((w) => LEGAL_FORMS.has(w));
}

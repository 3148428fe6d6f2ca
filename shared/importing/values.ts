import type { ClientStatus } from '../domain/client';
import { normalizeText } from '../search/normalize';

/**
 * Reading the values of one cell the way reps write them: several phones in a cell, Russian
 * date order, statuses in either language.
 */

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

function validDay(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Without a year, 29 February is a real birthday.
  const days = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
  return day <= days && (year === null || (year >= 1900 && year <= 2100));
}

/**
 * A birthday as stored (YYYY-MM-DD, or --MM-DD when the year is unknown) from what a rep types:
 * 15.03.1980, 15.03, 1980-03-15, 15/03/1980, --03-15, 19800315 (vCard). Null if unreadable.
 */
export function parseBirthday(value: string): string | null {
  const v = value.trim();
  let m: RegExpMatchArray | null;
  let year: number | null = null;
  let month: number;
  let day: number;
  if ((m = v.match(/^(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?$/))) {
    [day, month, year] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null];
  } else if ((m = v.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = v.match(/^--(\d{2})-?(\d{2})$/))) {
    [month, day] = [Number(m[1]), Number(m[2])];
  } else {
    return null;
  }
  if (!validDay(year, month, day)) return null;
  return `${year === null ? '-' : year}-${pad(month)}-${pad(day)}`;
}

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
  at_risk: ['at risk', 'risk', 'под угрозой', 'в зоне риска', 'риск'],
  lost: [
    'lost',
    'churned',
    'former',
    'потерян',
    'потерянный',
    'ушел',
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

import type { Channel } from '../domain/common';
import { decodeCp1251 } from './cp1251';
import { fileError, type Outcome, type RowError } from './errors';
import { emptyPersonDraft, type PersonDraft } from './drafts';
import { PLAUSIBLE_YEARS, readBirthday } from './values';

/**
 * vCard (.vcf) import of people: 2.1 (old phones, Outlook), 3.0 and 4.0. Handles folded lines,
 * QUOTED-PRINTABLE with its soft line breaks, CHARSET=WINDOWS-1251, BASE64 text, grouped
 * properties (item1.TEL) and escaped commas and semicolons.
 */
export interface VCardPerson {
  /** The card's first line in the file, for error reports. */
  line: number;
  person: PersonDraft;
  /** ORG: the company the person works for, to match or create the client. */
  organization: string;
  /**
   * What is wrong with the card although it was read (cut off, no BEGIN line, a date to check).
   * The same problems are in parseVCards' `errors`, for callers that list problems apart.
   */
  problems: RowError[];
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
const { TextDecoder } = globalThis as unknown as {
  TextDecoder: new (label: string) => TextDecoderLike;
};

/** Properties that make a run of lines outside BEGIN/END a contact rather than stray text. */
const CONTACT_PROPS = new Set(['FN', 'N', 'TEL', 'EMAIL', 'ORG']);

/**
 * Reads every card. A card is never dropped without a word: one cut off (no END:VCARD) or
 * starting with a misspelt BEGIN is still read and reported by name; one with no name at all is
 * reported; an impossible birthday is reported and left out, an implausible one kept and
 * reported.
 */
export function parseVCards(text: string): Outcome<{ cards: VCardPerson[]; errors: RowError[] }> {
  const lines = unfold(text);
  const cards: VCardPerson[] = [];
  const errors: RowError[] = [];
  let current: {
    line: number;
    lastLine: number;
    props: Property[];
    badBegin: string | null;
  } | null = null;
  let sawCard = false;

  const close = (ended: boolean) => {
    if (!current) return;
    const card = current;
    current = null;
    const isContact = card.props.some((p) => CONTACT_PROPS.has(p.name));
    // Stray lines between cards (a header, a comment) that hold no contact are not a card.
    if (card.badBegin !== null && !ended && !isContact) return;
    sawCard = true;
    const problems: RowError[] = [];
    const person = toPerson(card.line, card.props, problems);
    const name = person?.person.name ?? '';
    if (card.badBegin !== null) {
      problems.unshift({
        row: card.line,
        column: null,
        code: 'vcard_no_begin',
        params: { name: name || '?', begin: card.badBegin.slice(0, 60) },
      });
    }
    if (!ended) {
      problems.unshift({
        row: card.line,
        column: null,
        code: 'vcard_unterminated',
        params: { name: name || '?', lastLine: card.lastLine },
      });
    }
    if (person) {
      person.problems = problems;
      cards.push(person);
    } else {
      problems.push({ row: card.line, column: null, code: 'vcard_no_name', params: {} });
    }
    errors.push(...problems);
  };

  for (const { line, lastLine, text: content } of lines) {
    const prop = parseLine(content);
    if (!prop) continue;
    if (prop.name === 'BEGIN') {
      close(false);
      const value = prop.value.trim().toUpperCase();
      current = {
        line,
        lastLine,
        props: [],
        badBegin: value === 'VCARD' ? null : content.trim(),
      };
      if (value === 'VCARD') sawCard = true;
    } else if (prop.name === 'END' && prop.value.trim().toUpperCase() === 'VCARD') {
      if (current) {
        current.lastLine = lastLine;
        close(true);
      }
    } else if (current) {
      current.props.push(prop);
      current.lastLine = lastLine;
    } else {
      // A property outside any card: the card's BEGIN line is misspelt (BEGN:VCARD) or missing.
      const misspeltBegin = /^BEG/i.test(prop.name);
      current = {
        line,
        lastLine,
        props: misspeltBegin ? [] : [prop],
        badBegin: content.trim(),
      };
    }
  }
  close(false);
  if (!sawCard) return fileError('not_vcard');
  return { ok: true, cards, errors };
}

/** Physical lines → logical lines: a leading space or tab continues the previous line, and so
 * does a line after one ending in "=" inside a QUOTED-PRINTABLE value (vCard 2.1). */
function unfold(text: string): { line: number; lastLine: number; text: string }[] {
  const physical = text.split(/\r\n|\r|\n/);
  const out: { line: number; lastLine: number; text: string }[] = [];
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] as string;
    const last = out[out.length - 1];
    if (last && (raw.startsWith(' ') || raw.startsWith('\t'))) {
      last.text += raw.slice(1);
      last.lastLine = i + 1;
    } else if (
      last &&
      /QUOTED-PRINTABLE/i.test(last.text.split(':')[0] ?? '') &&
      last.text.endsWith('=')
    ) {
      last.text = last.text.slice(0, -1) + raw;
      last.lastLine = i + 1;
    } else if (raw.trim() !== '') {
      out.push({ line: i + 1, lastLine: i + 1, text: raw });
    }
  }
  return out;
}

/** `[group.]NAME;PARAM=a,b;BARE:value` → name, params (upper-case keys), raw value. */
function parseLine(line: string): Property | null {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [head, ...rawParams] = line.slice(0, colon).split(';');
  const name = (head ?? '').replace(/^.*\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: TEL;CELL;VOICE:…
    const key = eq < 0 ? 'TYPE' : p.slice(0, eq).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1)).replace(/"/g, '').split(',');
    params.set(key, [...(params.get(key) ?? []), ...values.map((v) => v.trim())]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

/** The property's value as text: transfer encoding and charset undone. */
function decodeValue(prop: Property): string {
  const encoding = (prop.params.get('ENCODING')?.[0] ?? '').toUpperCase();
  const charset = (prop.params.get('CHARSET')?.[0] ?? 'UTF-8').toUpperCase();
  let bytes: Uint8Array | null = null;
  if (encoding === 'QUOTED-PRINTABLE') bytes = quotedPrintable(prop.value);
  else if (encoding === 'B' || encoding === 'BASE64') bytes = base64(prop.value);
  if (!bytes) return prop.value;
  if (charset === 'WINDOWS-1251' || charset === 'CP1251') return decodeCp1251(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function quotedPrintable(value: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      // Literal characters of a QP value are ASCII; anything else is kept as UTF-8.
      const code = value.charCodeAt(i);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...utf8(code));
    }
  }
  return new Uint8Array(bytes);
}

function utf8(code: number): number[] {
  if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 63)];
  return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(value: string): Uint8Array {
  const clean = value.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

/** Splits on unescaped `separator`, then undoes \n \, \; \\ escapes. */
function components(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [''];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\\' && i + 1 < value.length) {
      const next = value[++i] as string;
      parts[parts.length - 1] += next === 'n' || next === 'N' ? '\n' : next;
    } else if (ch === separator) {
      parts.push('');
    } else {
      parts[parts.length - 1] += ch;
    }
  }
  return parts.map((p) => p.trim());
}

const text = (prop: Property) =>
  components(decodeValue(prop), ';').join(' ').replace(/\s+/g, ' ').trim();

function toPerson(line: number, props: Property[], problems: RowError[]): VCardPerson | null {
  const get = (name: string) => props.filter((p) => p.name === name);
  const person = emptyPersonDraft();
  const fn = get('FN')[0];
  const n = get('N')[0];
  let name = fn ? text(fn) : '';
  if (name === '' && n) {
    const [family = '', given = '', additional = ''] = components(decodeValue(n), ';');
    const cyrillic = /[а-яё]/i.test(family + given);
    name = (cyrillic ? [family, given, additional] : [given, additional, family])
      .filter((s) => s !== '')
      .join(' ');
  }
  const organization = get('ORG')[0]
    ? (components(decodeValue(get('ORG')[0] as Property), ';')[0] ?? '')
    : '';
  const channels: Channel[] = [];
  for (const tel of get('TEL')) {
    const value = decodeValue(tel).replace(/^tel:/i, '').trim();
    const type = (tel.params.get('TYPE') ?? [])
      .map((t) => t.toLowerCase())
      .filter((t) => t !== 'voice' && t !== 'pref');
    if (value !== '')
      channels.push({
        kind: 'phone',
        value,
        ...(type.length ? { label: type.join(', ').slice(0, 100) } : {}),
      });
  }
  for (const email of get('EMAIL')) {
    const value = decodeValue(email)
      .replace(/^mailto:/i, '')
      .trim();
    if (value !== '') channels.push({ kind: 'email', value });
  }
  for (const impp of [
    ...get('IMPP'),
    ...get('X-TELEGRAM'),
    ...get('X-WHATSAPP'),
    ...get('X-VIBER'),
  ]) {
    const raw = decodeValue(impp).trim();
    const scheme = impp.name.startsWith('X-')
      ? impp.name.slice(2).toLowerCase()
      : (raw.split(':')[0] ?? '').toLowerCase();
    const kind =
      scheme === 'telegram' || scheme === 'whatsapp' || scheme === 'viber' ? scheme : 'other';
    const value = raw.replace(/^[a-z-]+:/i, '');
    if (value !== '') channels.push({ kind, value });
  }
  if (name === '') name = organization || channels.find((c) => c.kind === 'email')?.value || '';
  if (name === '') return null;
  person.name = name.slice(0, 300);
  person.channels = channels.filter((c) => c.value.length <= 200).slice(0, 30);
  person.role =
    (get('TITLE')[0] ?? get('ROLE')[0])
      ? text((get('TITLE')[0] ?? get('ROLE')[0]) as Property).slice(0, 500)
      : '';
  const bday = get('BDAY')[0];
  person.birthday = null;
  if (bday) {
    const value = decodeValue(bday).trim();
    const read = readBirthday(value);
    if (read.ok) {
      person.birthday = read.value;
      if (read.implausible) {
        problems.push({
          row: line,
          column: 'BDAY',
          code: 'implausible_date',
          params: { value, name: person.name, min: PLAUSIBLE_YEARS.min, max: PLAUSIBLE_YEARS.max },
        });
      }
    } else if (value !== '') {
      problems.push({
        row: line,
        column: 'BDAY',
        code: read.reason === 'impossible' ? 'impossible_date' : 'bad_birthday',
        params: { value, name: person.name },
      });
    }
  }
  person.personalNotes = get('NOTE')
    .map((p) => components(decodeValue(p), ';').join(';'))
    .join('\n');
  return { line, person, organization, problems: [] };
}

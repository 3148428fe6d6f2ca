// Issue 11 item 6: every word the app shows for a status or a client type, and every heading its
// CSV export writes, reads back on import, in Russian and in English; and the hint for a value the
// import refuses offers exactly the app's own words.
import { describe, expect, it } from 'vitest';
import { enBook } from '../../../renderer/features/clients/texts.en';
import { ruBook } from '../../../renderer/features/clients/texts.ru';
import { CLIENT_STATUSES } from '../../../shared/domain/client';
import { guessMapping } from '../../../shared/importing/mapping';
import { IMPORT_TEXTS } from '../../../shared/importing/messages';
import { parseKind, parseStatus } from '../../../shared/importing/values';

const BOOKS = { en: enBook, ru: ruBook } as const;
const KINDS = ['company', 'person'] as const;

/** The words a hint lists after its colon (ru) or «Use» (en), split on commas and «or»/«или». */
function hintWords(hint: string): string[] {
  const list = hint.replace(/^.*(?:Используйте:|Use)\s*/u, '').replace(/\.$/, '');
  return list
    .split(/,\s*|\s+(?:or|или)\s+/u)
    .map((w) => w.trim())
    .filter(Boolean);
}

describe.each(['ru', 'en'] as const)('the app’s own words import back (%s)', (lang) => {
  const book = BOOKS[lang];

  it.each(CLIENT_STATUSES.map((s) => [s] as const))('status %s as the app shows it', (status) => {
    const shown = book.status[status];
    expect(parseStatus(shown)).toBe(status);
    expect(parseStatus(shown.toUpperCase())).toBe(status);
    expect(parseStatus(` ${shown.toLowerCase()} `)).toBe(status);
  });

  it.each(KINDS.map((k) => [k] as const))('client type %s as the app shows it', (kind) => {
    expect(parseKind(book.kind[kind])).toBe(kind);
  });

  it('the headings the CSV export writes map back to their fields', () => {
    const headings = [
      book.form.name,
      book.kind.label,
      book.status.label,
      book.form.tags,
      book.form.address,
      book.form.personName,
      book.form.phone,
      book.form.email,
      book.card.lastContact,
      book.card.nextFollowUp,
      book.health.title,
    ];
    expect(guessMapping(headings)).toEqual([
      'name',
      'kind',
      'status',
      'tags',
      'address',
      'personName',
      'phone',
      'email',
      null,
      null,
      null,
    ]);
  });

  it('the hint for a refused status offers the app’s words, each of which imports', () => {
    const offered = hintWords(IMPORT_TEXTS[lang].import.error.bad_status);
    expect(offered).toEqual(CLIENT_STATUSES.map((s) => book.status[s].toLowerCase()));
    for (const word of offered) expect(parseStatus(word)).toBeDefined();
  });

  it('the hint for a refused client type offers the app’s words, each of which imports', () => {
    const offered = hintWords(IMPORT_TEXTS[lang].import.error.bad_kind);
    expect(offered).toEqual(KINDS.map((k) => book.kind[k].toLowerCase()));
  });
});

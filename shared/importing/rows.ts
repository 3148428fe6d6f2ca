import type { Channel } from '../domain/common';
import type { ClientStatus } from '../domain/client';
import type { CsvRecord } from './csv';
import type { ErrorParams, RowError, RowErrorCode } from './errors';
import type { ColumnMapping, ImportField } from './mapping';
import {
  ClientDraftSchema,
  PersonDraftSchema,
  emptyClientDraft,
  emptyPersonDraft,
  type ClientDraft,
  type PersonDraft,
} from './drafts';
import {
  hasLegalForm,
  isPlausibleEmail,
  isPlausiblePhone,
  parseBirthday,
  parseKind,
  parseStatus,
  splitList,
} from './values';

/** One row of the file read through the mapping: the drafts to save and what is wrong with it. */
export interface ImportRow {
  row: number;
  client: ClientDraft;
  /** The contact person, when the row names one or gives a phone, e-mail or birthday. */
  person: PersonDraft | null;
  errors: RowError[];
}

export interface MapRecordOptions {
  /** Status for rows that do not say. Default: active (an imported book is existing clients). */
  defaultStatus?: ClientStatus;
}

const MESSENGERS = ['telegram', 'whatsapp', 'viber'] as const;

/** Reads one record (not the heading row) through the mapping, validating every value. */
export function mapRecord(
  record: CsvRecord,
  headings: readonly string[],
  mapping: ColumnMapping,
  options: MapRecordOptions = {},
): ImportRow {
  const errors: RowError[] = [];
  const columnOf = (field: ImportField) => {
    const index = mapping.indexOf(field);
    return index >= 0 ? (headings[index] ?? null) : null;
  };
  const fail = (code: RowErrorCode, column: string | null, params: ErrorParams = {}) =>
    errors.push({ row: record.row, column, code, params });

  if (record.error) fail(record.error, null);
  const extra = record.fields.slice(mapping.length).filter((f) => f.trim() !== '');
  if (extra.length > 0)
    fail('too_many_fields', null, { expected: mapping.length, got: record.fields.length });

  // Cells per field, with the heading of the column each came from.
  const cells = new Map<ImportField, { value: string; column: string | null }[]>();
  mapping.forEach((field, index) => {
    const value = record.fields[index]?.trim() ?? '';
    if (field === null || value === '') return;
    const list = cells.get(field) ?? [];
    list.push({ value, column: headings[index] ?? null });
    cells.set(field, list);
  });
  const first = (field: ImportField) => cells.get(field)?.[0]?.value ?? '';

  const lastFirstMiddle = [
    first('personLastName'),
    first('personFirstName'),
    first('personMiddleName'),
  ];
  const cyrillic = /[а-яё]/i.test(lastFirstMiddle.join(''));
  const parts = cyrillic
    ? lastFirstMiddle
    : [lastFirstMiddle[1], lastFirstMiddle[2], lastFirstMiddle[0]];
  const personName = first('personName') || parts.filter((p) => p !== '').join(' ');

  const client = emptyClientDraft(options.defaultStatus);
  client.name = first('name') || personName;
  if (client.name === '') fail('name_required', columnOf('name'));
  const kindCell = first('kind');
  const kind = kindCell === '' ? undefined : parseKind(kindCell);
  if (kindCell !== '' && kind === undefined)
    fail('bad_kind', columnOf('kind'), { value: kindCell });
  // A row with only a person's name is a private client; otherwise a company unless it says.
  client.kind =
    kind ??
    (first('name') === '' && personName !== '' && !hasLegalForm(personName) ? 'person' : 'company');
  const statusCell = first('status');
  if (statusCell !== '') {
    const status = parseStatus(statusCell);
    if (status) client.status = status;
    else fail('bad_status', columnOf('status'), { value: statusCell });
  }
  const tags = (cells.get('tags') ?? []).flatMap((c) => splitList(c.value, /[,;|\n]+/));
  client.tags = [...new Set(tags)];
  const city = first('city');
  const address = first('address');
  client.address =
    city !== '' && !address.toLowerCase().includes(city.toLowerCase())
      ? [city, address].filter((s) => s !== '').join(', ')
      : address;
  client.notes = (cells.get('notes') ?? []).map((c) => c.value).join('\n');
  const cadence = first('cadenceDays');
  if (cadence !== '') {
    const days = Number(cadence);
    if (Number.isInteger(days) && days >= 1 && days <= 3650) client.cadenceDays = days;
    else fail('bad_cadence', columnOf('cadenceDays'), { value: cadence });
  }

  const channels: Channel[] = [];
  for (const cell of cells.get('phone') ?? []) {
    for (const phone of splitList(cell.value, /[,;/\n]+/)) {
      if (isPlausiblePhone(phone)) channels.push({ kind: 'phone', value: phone });
      else fail('bad_phone', cell.column, { value: phone });
    }
  }
  for (const cell of cells.get('email') ?? []) {
    for (const email of splitList(cell.value, /[,;\s]+/)) {
      if (isPlausibleEmail(email)) channels.push({ kind: 'email', value: email });
      else fail('bad_email', cell.column, { value: email });
    }
  }
  for (const kind of MESSENGERS) {
    for (const cell of cells.get(kind) ?? []) {
      for (const handle of splitList(cell.value, /[,;\s]+/)) channels.push({ kind, value: handle });
    }
  }
  const birthdayCell = first('birthday');
  const birthday = birthdayCell === '' ? null : parseBirthday(birthdayCell);
  if (birthdayCell !== '' && birthday === null)
    fail('bad_birthday', columnOf('birthday'), { value: birthdayCell });
  const role = first('personRole');

  let person: PersonDraft | null = null;
  if (personName !== '' || channels.length > 0 || birthday !== null || role !== '') {
    person = emptyPersonDraft();
    person.name = personName || client.name;
    person.role = role;
    person.birthday = birthday;
    person.channels = channels;
  }

  // Whatever the checks above let through (lengths, counts) the schemas still catch.
  const fieldColumn: Record<string, ImportField> = {
    name: 'name',
    address: 'address',
    notes: 'notes',
    tags: 'tags',
    role: 'personRole',
    channels: 'phone',
  };
  const schemaErrors = [
    ...(ClientDraftSchema.safeParse(client).error?.issues ?? []),
    ...(person ? (PersonDraftSchema.safeParse(person).error?.issues ?? []) : []),
  ];
  for (const issue of schemaErrors) {
    const key = String(issue.path[0] ?? '');
    if (key === 'name' && client.name === '') continue; // already reported as name_required
    const field = fieldColumn[key];
    fail('value_too_long', field ? columnOf(field) : null, { field: key });
  }
  return { row: record.row, client, person, errors };
}

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
  PLAUSIBLE_YEARS,
  readBirthday,
  parseKind,
  parseStatus,
  splitList,
  unguardFormula,
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
  return new RowMapper(headings, mapping, options).map(record);
}

type Cell = { value: string; column: string | null };

function pushError(
  errors: RowError[],
  row: number,
  code: RowErrorCode,
  column: string | null,
  params: ErrorParams = {},
): void {
  errors.push({ row, column, code, params });
}

/**
 * Reads records through one mapping. Works out once which columns feed which field, so that the
 * per-row work of a 100k-row file is only reading and checking values.
 */
export class RowMapper {
  private readonly columns = new Map<ImportField, number[]>();
  private readonly width: number;

  constructor(
    private readonly headings: readonly string[],
    mapping: ColumnMapping,
    private readonly options: MapRecordOptions = {},
  ) {
    this.width = mapping.length;
    mapping.forEach((field, index) => {
      if (field !== null) this.columns.set(field, [...(this.columns.get(field) ?? []), index]);
    });
  }

  map(record: CsvRecord): ImportRow {
    const errors: RowError[] = [];
    const row = record.row;
    // Plain calls, not closures made per row: this runs 100k times in an import.
    const fail = pushError.bind(null, errors, row);
    const fields = record.fields;

    if (record.error) fail(record.error, null);
    // Fewer values than headings: a row split by another character (commas in a semicolon
    // file) lands whole in the first column and would become a client named with the line.
    if (fields.length < this.width && this.width > 1) {
      fail('too_few_fields', null, { expected: this.width, got: fields.length });
    }
    for (let i = this.width; i < fields.length; i++) {
      if ((fields[i] as string).trim() !== '') {
        fail('too_many_fields', null, { expected: this.width, got: fields.length });
        break;
      }
    }

    const lastFirstMiddle = [
      this.first(fields, 'personLastName'),
      this.first(fields, 'personFirstName'),
      this.first(fields, 'personMiddleName'),
    ];
    const cyrillic = /[а-яё]/i.test(lastFirstMiddle.join(''));
    const parts = cyrillic
      ? lastFirstMiddle
      : [lastFirstMiddle[1], lastFirstMiddle[2], lastFirstMiddle[0]];
    const personName = this.first(fields, 'personName') || parts.filter((p) => p !== '').join(' ');

    const client = emptyClientDraft(this.options.defaultStatus);
    const name = this.first(fields, 'name');
    client.name = name || personName;
    if (client.name === '') fail('name_required', this.headingOf('name'));
    const kindCell = this.first(fields, 'kind');
    const kind = kindCell === '' ? undefined : parseKind(kindCell);
    if (kindCell !== '' && kind === undefined)
      fail('bad_kind', this.headingOf('kind'), { value: kindCell });
    // A row with only a person's name is a private client; otherwise a company unless it says.
    client.kind =
      kind ??
      (name === '' && personName !== '' && !hasLegalForm(personName) ? 'person' : 'company');
    const statusCell = this.first(fields, 'status');
    if (statusCell !== '') {
      const status = parseStatus(statusCell);
      if (status) client.status = status;
      else fail('bad_status', this.headingOf('status'), { value: statusCell });
    }
    const tags = this.cells(fields, 'tags').flatMap((c) => splitList(c.value, /[,;|\n]+/));
    client.tags = [...new Set(tags)];
    const city = this.first(fields, 'city');
    const address = this.first(fields, 'address');
    client.address =
      city !== '' && !address.toLowerCase().includes(city.toLowerCase())
        ? [city, address].filter((s) => s !== '').join(', ')
        : address;
    client.notes = this.cells(fields, 'notes')
      .map((c) => c.value)
      .join('\n');
    const cadence = this.first(fields, 'cadenceDays');
    if (cadence !== '') {
      const days = Number(cadence);
      if (Number.isInteger(days) && days >= 1 && days <= 3650) client.cadenceDays = days;
      else fail('bad_cadence', this.headingOf('cadenceDays'), { value: cadence });
    }

    const channels: Channel[] = [];
    for (const cell of this.cells(fields, 'phone')) {
      for (const phone of splitList(cell.value, /[,;/\n]+/)) {
        if (isPlausiblePhone(phone)) channels.push({ kind: 'phone', value: phone });
        else fail('bad_phone', cell.column, { value: phone });
      }
    }
    for (const cell of this.cells(fields, 'email')) {
      for (const email of splitList(cell.value, /[,;\s]+/)) {
        if (isPlausibleEmail(email)) channels.push({ kind: 'email', value: email });
        else fail('bad_email', cell.column, { value: email });
      }
    }
    for (const messenger of MESSENGERS) {
      for (const cell of this.cells(fields, messenger)) {
        for (const handle of splitList(cell.value, /[,;\s]+/))
          channels.push({ kind: messenger, value: handle });
      }
    }
    const birthdayCell = this.first(fields, 'birthday');
    let birthday: string | null = null;
    if (birthdayCell !== '') {
      const read = readBirthday(birthdayCell);
      const column = this.headingOf('birthday');
      if (!read.ok) {
        fail(read.reason === 'impossible' ? 'impossible_date' : 'bad_birthday', column, {
          value: birthdayCell,
        });
      } else {
        birthday = read.value;
        // Kept as written, flagged: the rep confirms it by keeping the row.
        if (read.implausible) {
          fail('implausible_date', column, {
            value: birthdayCell,
            min: PLAUSIBLE_YEARS.min,
            max: PLAUSIBLE_YEARS.max,
          });
        }
      }
    }
    const role = this.first(fields, 'personRole');

    let person: PersonDraft | null = null;
    if (personName !== '' || channels.length > 0 || birthday !== null || role !== '') {
      person = emptyPersonDraft();
      person.name = personName || client.name;
      person.role = role;
      person.birthday = birthday;
      person.channels = channels;
    }

    // Whatever the checks above let through (lengths, counts) the schemas still catch.
    const issues = [
      ...(ClientDraftSchema.safeParse(client).error?.issues ?? []),
      ...(person ? (PersonDraftSchema.safeParse(person).error?.issues ?? []) : []),
    ];
    for (const issue of issues) {
      const key = String(issue.path[0] ?? '');
      if (key === 'name' && client.name === '') continue; // already reported as name_required
      const field = FIELD_OF_KEY[key];
      fail('value_too_long', field ? this.headingOf(field) : null, { field: key });
    }
    return { row, client, person, errors };
  }

  private first(fields: readonly string[], field: ImportField): string {
    for (const index of this.columns.get(field) ?? []) {
      const value = unguardFormula(fields[index] ?? '');
      if (value !== '') return value;
    }
    return '';
  }

  private cells(fields: readonly string[], field: ImportField): Cell[] {
    const out: Cell[] = [];
    for (const index of this.columns.get(field) ?? []) {
      const value = unguardFormula(fields[index] ?? '');
      if (value !== '') out.push({ value, column: this.headings[index] ?? null });
    }
    return out;
  }

  private headingOf(field: ImportField): string | null {
    const index = this.columns.get(field)?.[0];
    return index === undefined ? null : (this.headings[index] ?? null);
  }
}

/** Draft keys the schemas may complain about, and the import field whose column to blame. */
const FIELD_OF_KEY: Record<string, ImportField> = {
  name: 'name',
  address: 'address',
  notes: 'notes',
  tags: 'tags',
  role: 'personRole',
  channels: 'phone',
};

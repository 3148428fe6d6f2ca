/**
 * What can go wrong in an import, as codes the UI translates (texts in messages.ts). A file error
 * stops the import before anything is written; a row error marks one row, which the rep can skip.
 */
export const FILE_ERROR_CODES = [
  'empty_file',
  'file_too_large',
  'binary_file',
  'spreadsheet_file',
  'unknown_encoding',
  'no_rows',
  'unclosed_quote',
  'field_too_long',
  'not_vcard',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

export const ROW_ERROR_CODES = [
  'broken_quoting',
  'too_many_fields',
  'too_few_fields',
  'name_required',
  'bad_email',
  'bad_phone',
  'bad_birthday',
  'impossible_date',
  'implausible_date',
  'bad_status',
  'bad_kind',
  'bad_cadence',
  'value_too_long',
  'duplicate_in_file',
  'vcard_no_name',
  'vcard_unterminated',
  'vcard_no_begin',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/**
 * Row problems that ask the rep to confirm rather than block the row: the value was read and is
 * kept as written (a year before 1900 or after 2100, a vCard without END or with a misspelt
 * BEGIN that was read anyway). Every other code means something in the row was not imported.
 */
const CONFIRM_ROW_CODES = [
  'implausible_date',
  'vcard_unterminated',
  'vcard_no_begin',
] as const satisfies readonly RowErrorCode[];

/** Whether every problem of a row only asks for confirmation (nothing in it was dropped). */
export function onlyNeedsConfirmation(errors: readonly Pick<RowError, 'code'>[]): boolean {
  return errors.every((e) => (CONFIRM_ROW_CODES as readonly RowErrorCode[]).includes(e.code));
}

export type ErrorParams = Record<string, string | number>;

export interface FileError {
  code: FileErrorCode;
  params: ErrorParams;
}

export interface RowError {
  /** The row as Excel numbers it: the header is row 1. For vCards, the card's first line. */
  row: number;
  /** The file's column heading, when the error belongs to one column. */
  column: string | null;
  code: RowErrorCode;
  params: ErrorParams;
}

export type Outcome<T> = ({ ok: true } & T) | { ok: false; error: FileError };

export const fileError = (
  code: FileErrorCode,
  params: ErrorParams = {},
): { ok: false; error: FileError } => ({
  ok: false,
  error: { code, params },
});

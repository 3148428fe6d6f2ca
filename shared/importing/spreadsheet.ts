/**
 * Cells a spreadsheet will open: CSV that Excel and LibreOffice read without running anything.
 * Both treat a cell that starts with =, +, -, @, a tab or a carriage return as a formula (OWASP,
 * "CSV Injection"); `+1+cmd|' /C calc'!A0` runs a program. Such a cell gets a leading apostrophe,
 * which makes it text. Every such cell, with no exception for numbers or phones: `-2+3+cmd|…`
 * starts like a number too, and a phone such as +7 912 345-67-89 is read as a formula anyway.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet would read the cell as a formula. */
export function startsLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/** The cell's text made inert: an apostrophe before anything that would start a formula. */
function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One CSV cell: neutralised, then quoted (quotes doubled) when it holds the delimiter, a quote
 * or a line break.
 */
export function csvCell(value: string, delimiter = ';'): string {
  const safe = neutraliseFormula(value);
  return /["\r\n]/.test(safe) || safe.includes(delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

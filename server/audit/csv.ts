// CSV as RFC 4180 describes it, for spreadsheets opened by people, not parsers we control.

/** Excel reads a file as UTF-8 (Cyrillic intact) only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF'
export const CSV_EOL = '\r\n'

/**
 * The field delimiter for a locale. Russian Excel splits on ";" (its list separator, since ","
 * is the decimal mark) and opens a comma file as one column; quoting is RFC 4180 either way.
 */
export function csvDelimiter(locale: 'ru' | 'en'): ',' | ';' {
  return locale === 'ru' ? ';' : ','
}

// Cells a spreadsheet would run as a formula (OWASP "CSV injection"): =1+1, +cmd, -2+3,
// @SUM(..), and tab/CR which some programs strip before looking for those.
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: formula-looking text defused with a leading ', then quoted when it needs to be. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, CRLF-terminated. */
export function csvRow(
  cells: readonly (string | number | null | undefined)[],
  delimiter = ',',
): string {
  return cells.map(csvCell).join(delimiter) + CSV_EOL
}

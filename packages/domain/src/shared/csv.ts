/**
 * The one CSV writer of Quorum (member exports now, survey and member lists later):
 * RFC 4180 (comma, CRLF, quotes doubled, a cell with a comma, quote or line break in
 * quotes), UTF-8 with a byte-order mark so that Excel shows umlauts, and text cells that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) neutralized by a
 * leading apostrophe (OWASP "CSV injection"). Numbers and booleans are written as they are:
 * only text can carry someone's formula.
 */

/** The UTF-8 byte-order mark, written once at the start of a file. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: dates as ISO-8601, objects as JSON, null and undefined as empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value as string);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, ending in CRLF. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * A whole file, as pieces to write one after the other (BOM and header first): rows are
 * objects, the header is `columns` or every key that occurs, in order of appearance.
 */
export function* csvFile(
  rows: Iterable<Readonly<Record<string, unknown>>>,
  columns?: readonly string[],
): Generator<string> {
  const list = columns ? null : [...rows];
  const header = columns ?? [...new Set(list!.flatMap((row) => Object.keys(row)))];
  yield CSV_BOM + csvLine(header);
  for (const row of list ?? rows) yield csvLine(header.map((column) => row[column]));
}

/** A whole file as one string. */
export function toCsv(
  rows: Iterable<Readonly<Record<string, unknown>>>,
  columns?: readonly string[],
): string {
  return [...csvFile(rows, columns)].join('');
}

/**
 * Tables exported as CSV (impacted CIs, candidate causes, a map's nodes) that
 * open safely in a spreadsheet: RFC 4180 quoting, CRLF line ends, and no cell
 * that a spreadsheet would run as a formula.
 */

/** A cell value; `null` and `undefined` are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/** A column: its header and how to read its cell from a row. */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => CsvValue;
}

/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One cell as CSV text: text that a spreadsheet would run as a formula gets a
 * leading `'`; then a cell holding `"`, `,`, CR or LF is quoted, quotes doubled.
 * NOTE: numbers are written as they are, so `-3` stays a number; only text is neutralised.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && formulaStart.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header line, then one line per row, each ended by CRLF. */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  const line = (cells: CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return line(columns.map((c) => c.header)) + rows.map((row) => line(columns.map((c) => c.value(row)))).join('');
}

import { strToU8, zipSync } from 'fflate';
import type { ExportDocument } from '@quorum/domain/privacy/privacy-use-cases';

/** One CSV cell (RFC 4180): dates as ISO-8601, objects as JSON, quotes doubled. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

const readme = (document: ExportDocument) => `Quorum data export
==================

This archive holds the personal data this Quorum instance keeps about the account
${document.account.id}, generated at ${document.generatedAt}.

- quorum-export.json  everything, in one JSON file (format version ${document.formatVersion}):
                      { formatVersion, generatedAt, account, tables: { <table>: [rows] } }
- csv/<table>.csv     the same rows, one CSV file per table (UTF-8, comma-separated)

Passwords and secret tokens are never included (only their existence is).
Consent records name the exact text version and its SHA-256 hash that you agreed to.
The format is described in docs/export-format.md of the Quorum source.
`;

/** The member's export as a ZIP: the JSON document, one CSV per table and a README. */
export function buildExportZip(document: ExportDocument): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(readme(document)),
    'quorum-export.json': strToU8(JSON.stringify(document, null, 2)),
  };
  for (const [table, rows] of Object.entries(document.tables)) {
    files[`csv/${table}.csv`] = strToU8(toCsv(rows));
  }
  return zipSync(files, { level: 6, mtime: new Date(document.generatedAt) });
}

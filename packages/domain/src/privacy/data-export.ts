import type { Id } from '../shared/ids.js';

/** A member's copy of their data (GDPR Art. 15/20): a ZIP built by a job, kept 7 days. */
export type DataExportStatus = 'pending' | 'ready' | 'failed';

export interface DataExport {
  id: Id;
  accountId: Id;
  /** Who asked: the member, or staff on the member's request (audited). */
  requestedBy: Id | null;
  jobId: Id;
  status: DataExportStatus;
  createdAt: Date;
  readyAt: Date | null;
  sizeBytes: number | null;
}

/** Version of the export's JSON layout (documented in docs/export-format.md). */
export const EXPORT_FORMAT_VERSION = 1;

/** One row of the member's data, JSON-friendly (ISO dates, booleans, parsed JSON). */
export type PersonalRow = Record<string, unknown>;

/** Where a member's export file is kept (see the FileStorage port). */
export function exportFileKey(exportId: Id): string {
  return `exports/${exportId}.zip`;
}

/** The export id of a key made by exportFileKey, or null for any other key. */
export function exportIdOfFileKey(key: string): Id | null {
  return /^exports\/([0-9a-f-]{36})\.zip$/.exec(key)?.[1] ?? null;
}

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

/** The member's rows per table, as read through the data map. */
export type PersonalData = Record<string, Record<string, unknown>[]>;

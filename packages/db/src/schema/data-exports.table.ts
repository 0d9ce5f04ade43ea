import type { Timestamp } from './column-types.js';

export interface DataExportsTable {
  id: string;
  account_id: string;
  requested_by: string | null;
  job_id: string;
  status: string;
  created_at: Timestamp;
  ready_at: Timestamp | null;
  size_bytes: number | null;
}

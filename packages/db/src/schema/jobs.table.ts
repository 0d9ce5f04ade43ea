import type { Json, Timestamp } from './column-types.js';

export interface JobsTable {
  id: string;
  kind: string;
  payload: Json;
  status: string;
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  progress: number;
  last_error: string | null;
  subject_account_id: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

import type { Timestamp } from './column-types.js';

export interface JobEventsTable {
  id: string;
  job_id: string;
  occurred_at: Timestamp;
  message: string;
}

import type { Timestamp } from './column-types.js';

export interface JoinRequestsTable {
  id: string;
  community_id: string;
  account_id: string;
  message: string;
  status: string;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

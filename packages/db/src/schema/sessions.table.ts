import type { Timestamp } from './column-types.js';

export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

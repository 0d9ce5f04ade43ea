import type { Timestamp } from './column-types.js';

export interface KnownDevicesTable {
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

import type { Timestamp } from './column-types.js';

export interface ErasureMarkersTable {
  account_id: string;
  tombstone_id: string;
  created_at: Timestamp;
}

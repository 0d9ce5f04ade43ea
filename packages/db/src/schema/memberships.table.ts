import type { Timestamp } from './column-types.js';

export interface MembershipsTable {
  community_id: string;
  account_id: string;
  role: string;
  joined_at: Timestamp;
}

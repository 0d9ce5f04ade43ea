import type { Timestamp } from './column-types.js';

export interface ErasureTombstonesTable {
  tombstone_id: string;
  erased_at: Timestamp;
}

import type { Json, Timestamp } from './column-types.js';

export interface ProfileValuesTable {
  community_id: string;
  account_id: string;
  attribute_id: string;
  value: Json;
  updated_at: Timestamp;
}

import type { Flag, Json, Timestamp } from './column-types.js';

export interface ProfileAttributesTable {
  id: string;
  community_id: string;
  key: string;
  type: string;
  label: Json;
  options: Json;
  required: Flag;
  position: number;
  created_at: Timestamp;
}

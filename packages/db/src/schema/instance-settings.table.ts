import type { Json, Timestamp } from './column-types.js';

export interface InstanceSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

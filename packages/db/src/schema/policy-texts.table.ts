import type { Timestamp } from './column-types.js';

export interface PolicyTextsTable {
  id: string;
  community_id: string | null;
  document: string;
  version: number;
  locale: string;
  body: string;
  body_hash: string;
  published_at: Timestamp;
  published_by: string | null;
}

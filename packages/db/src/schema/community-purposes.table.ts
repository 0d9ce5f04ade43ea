import type { Json, Timestamp } from './column-types.js';

export interface CommunityPurposesTable {
  id: string;
  community_id: string;
  purpose_id: string;
  legal_basis: string;
  data_categories: Json;
  /** null: kept for the account's lifetime. */
  retention_days: number | null;
  recipients: Json;
  texts: Json;
  created_at: Timestamp;
}

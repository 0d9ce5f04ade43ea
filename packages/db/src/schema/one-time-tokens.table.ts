import type { Timestamp } from './column-types.js';

export interface OneTimeTokensTable {
  token_hash: string;
  purpose: string;
  account_id: string | null;
  payload: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
}

import type { Generated } from 'kysely';
import type { Timestamp } from './column-types.js';

export interface InvitationsTable {
  id: string;
  community_id: string;
  token_hash: string;
  role: string;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  max_uses: number | null;
  /** Defaults to 0; only the guarded claim increments it. */
  uses: Generated<number>;
  revoked_at: Timestamp | null;
}

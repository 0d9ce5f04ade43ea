import type { Generated } from 'kysely';
import type { Timestamp } from './column-types.js';

export interface ConsentEventsTable {
  /** Ledger order, assigned by the database on insert (never by a clock). */
  seq: Generated<number>;
  id: string;
  /** The member's id, or after erasure their tombstone id (no foreign key). */
  account_id: string;
  community_id: string | null;
  purpose_id: string;
  policy_text_id: string;
  policy_version: number;
  text_hash: string;
  locale: string;
  action: string;
  channel: string;
  occurred_at: Timestamp;
  request_id: string;
}

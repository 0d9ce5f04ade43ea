import type { Timestamp } from './column-types.js';

/**
 * Each member's current decision per purpose: the last ledger event per (account, scope,
 * purpose), written by a trigger in the transaction of every ledger insert. A projection
 * of consent_events, never written by application code.
 */
export interface ConsentCurrentTable {
  account_id: string;
  /** null: an instance purpose; otherwise the community whose own purpose or terms it is. */
  community_id: string | null;
  purpose_id: string;
  status: 'granted' | 'withdrawn';
  policy_version: number;
  text_hash: string;
  channel: string;
  decided_at: Timestamp;
  /** The seq of the event this row reflects. */
  event_seq: number;
}

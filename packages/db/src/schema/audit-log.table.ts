import type { Timestamp } from './column-types.js';

export interface AuditLogTable {
  id: string;
  /** No foreign keys: erasure pseudonymizes these ids. */
  actor_id: string | null;
  subject_id: string | null;
  community_id: string | null;
  action: string;
  reason: string;
  occurred_at: Timestamp;
}

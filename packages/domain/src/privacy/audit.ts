import { z } from 'zod';
import type { Id } from '../shared/ids.js';

/** Every staff access to a member's personal data, with who, what, when and why. */
export const auditActions = [
  'member.details_viewed',
  'member.export_requested',
  'member.export_downloaded',
  'member.erased',
  'policy.published',
  'purpose.added',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  id: Id;
  /** Who acted; null once that account is erased. */
  actorId: Id | null;
  /** Whose data was touched, if a person's. */
  subjectId: Id | null;
  communityId: Id | null;
  action: AuditAction;
  /** Why — staff must say, e.g. "Request by email of 3 May". */
  reason: string;
  occurredAt: Date;
}

export const accessReasonSchema = z
  .string({ error: 'reason_required' })
  .trim()
  .min(5, { error: 'reason_required' })
  .max(500, { error: 'reason_too_long' });

import { z } from 'zod';
import { DAY } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';
import { tokenSchema } from '../accounts/account.js';
import { roleSchema, type Role } from './membership.js';

/**
 * An invitation is a link with a secret token. Only the token's hash is stored, so
 * the link is shown once, when it is created.
 */
export interface Invitation {
  id: Id;
  communityId: Id;
  tokenHash: string;
  role: Role;
  /** Optional label for staff ("Beta customers, March"). */
  note: string;
  /** null once the creator's account is erased. */
  createdBy: Id | null;
  createdAt: Date;
  expiresAt: Date;
  /** null means no limit. */
  maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
}

export const INVITATION_MAX_DAYS = 90;

export const createInvitationInputSchema = z.object({
  communityId: idSchema,
  /** Invitations grant member or researcher; staff roles are given in the members list. */
  role: roleSchema.extract(['member', 'researcher']).default('member'),
  note: z.string().trim().max(200, { error: 'note_too_long' }).default(''),
  expiresInDays: z
    .number({ error: 'expiry_invalid' })
    .int({ error: 'expiry_invalid' })
    .min(1, { error: 'expiry_invalid' })
    .max(INVITATION_MAX_DAYS, { error: 'expiry_invalid' })
    .default(7),
  maxUses: z
    .number({ error: 'max_uses_invalid' })
    .int({ error: 'max_uses_invalid' })
    .min(1, { error: 'max_uses_invalid' })
    .max(10_000, { error: 'max_uses_invalid' })
    .nullable()
    .default(1),
});
export type CreateInvitationInput = z.infer<typeof createInvitationInputSchema>;

export const invitationTokenInputSchema = z.object({ token: tokenSchema });
export const invitationIdInputSchema = z.object({ invitationId: idSchema });

export type InvitationState = 'usable' | 'expired' | 'used_up' | 'revoked';

export function invitationState(invitation: Invitation, now: Date): InvitationState {
  if (invitation.revokedAt) return 'revoked';
  if (now.getTime() >= invitation.expiresAt.getTime()) return 'expired';
  if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return 'used_up';
  return 'usable';
}

export function assertInvitationUsable(invitation: Invitation, now: Date): void {
  const state = invitationState(invitation, now);
  if (state === 'revoked') throw new DomainError('INVITATION_REVOKED');
  if (state === 'expired') throw new DomainError('INVITATION_EXPIRED');
  if (state === 'used_up') throw new DomainError('INVITATION_USED_UP');
}

export function invitationExpiry(createdAt: Date, expiresInDays: number): Date {
  return new Date(createdAt.getTime() + expiresInDays * DAY);
}

import { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';

/** Ordered from least to most power; staff are every role above member. */
export const roles = ['member', 'researcher', 'moderator', 'owner'] as const;
export const roleSchema = z.enum(roles, { error: 'role_invalid' });
export type Role = z.infer<typeof roleSchema>;

export interface Membership {
  communityId: Id;
  accountId: Id;
  role: Role;
  joinedAt: Date;
}

/** A membership as the members list shows it. */
export interface MemberListEntry extends Membership {
  displayName: string;
}

export interface MemberListFilter {
  /** Part of the display name, any case; null lists everyone. */
  search: string | null;
  /** Only these roles (e.g. the staff); null for all. */
  roles: readonly Role[] | null;
}

export function isStaff(role: Role): boolean {
  return role !== 'member';
}

/**
 * A community always keeps an owner: the last one can neither leave, be removed, nor
 * be demoted. Another owner has to be appointed first.
 */
export function assertKeepsAnOwner(change: {
  currentRole: Role;
  newRole: Role | null;
  ownerCount: number;
}): void {
  if (change.currentRole === 'owner' && change.newRole !== 'owner' && change.ownerCount <= 1) {
    throw new DomainError('LAST_OWNER', 'A community needs at least one owner.');
  }
}

export const changeRoleInputSchema = z.object({
  communityId: idSchema,
  accountId: idSchema,
  role: roleSchema,
});

export const memberInputSchema = z.object({
  communityId: idSchema,
  accountId: idSchema,
});

export const joinRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

export interface JoinRequest {
  id: Id;
  communityId: Id;
  accountId: Id;
  message: string;
  status: JoinRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: Id | null;
}

export interface JoinRequestListEntry extends JoinRequest {
  displayName: string;
}

export const requestToJoinInputSchema = z.object({
  communityId: idSchema,
  message: z.string().trim().max(1000, { error: 'message_too_long' }).default(''),
});

export const decideJoinRequestInputSchema = z.object({
  requestId: idSchema,
  approve: z.boolean(),
});

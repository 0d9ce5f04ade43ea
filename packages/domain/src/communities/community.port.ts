import type { Id } from '../shared/ids.js';
import type { KeysetPage, PageRequest } from '../shared/pagination.js';
import type { Community } from './community.js';
import type { Invitation } from './invitation.js';
import type { JoinRequest, JoinRequestListEntry, MemberListEntry, MemberListFilter, Membership, Role } from './membership.js';
import type { DirectoryFilter } from './permissions.js';

export interface DirectoryEntry extends Community {
  memberCount: number;
  /** The viewer's role, or null. */
  viewerRole: Role | null;
}

export interface CommunityRepository {
  create(community: Community): Promise<void>;
  findById(id: Id): Promise<Community | null>;
  findBySlug(slug: string): Promise<Community | null>;
  update(community: Community): Promise<void>;
  list(filter: DirectoryFilter): Promise<DirectoryEntry[]>;
}

export interface MembershipRepository {
  add(membership: Membership): Promise<void>;
  find(communityId: Id, accountId: Id): Promise<Membership | null>;
  /**
   * Like find, and the membership cannot end until the transaction does: what is written
   * for a member (a consent in the community) is seen by a leave or removal that follows.
   */
  findHeld(communityId: Id, accountId: Id): Promise<Membership | null>;
  /** Newest members first. */
  listPage(communityId: Id, filter: MemberListFilter, request: PageRequest): Promise<KeysetPage<MemberListEntry>>;
  setRole(communityId: Id, accountId: Id, role: Role): Promise<void>;
  remove(communityId: Id, accountId: Id): Promise<void>;
  countByRole(communityId: Id, role: Role): Promise<number>;
  /**
   * Counts the community's owners and locks their memberships until the transaction ends,
   * so two owners leaving (or demoting each other) at once cannot both see another owner.
   * Every change that could take away an owner asks this, not countByRole.
   */
  lockOwners(communityId: Id): Promise<number>;
  /** Every membership of an account, in every community. */
  listForAccount(accountId: Id): Promise<Membership[]>;
  /** The community's owners, moderators and researchers (a handful), longest-serving first. */
  listStaff(communityId: Id): Promise<Membership[]>;
  /** Every member's account id: for set operations in bulk, never for display. */
  accountIds(communityId: Id): Promise<Id[]>;
}

export interface JoinRequestRepository {
  create(request: JoinRequest): Promise<void>;
  findById(id: Id): Promise<JoinRequest | null>;
  findPending(communityId: Id, accountId: Id): Promise<JoinRequest | null>;
  /** Pending requests, oldest first. */
  listPending(communityId: Id, request: PageRequest): Promise<KeysetPage<JoinRequestListEntry>>;
  /**
   * Decides the request only if it is still pending, in one statement: of an approval and a
   * rejection racing, exactly one wins. Returns whether this call decided it.
   */
  decide(id: Id, decision: { status: 'approved' | 'rejected'; decidedAt: Date; decidedBy: Id }): Promise<boolean>;
}

export interface InvitationRepository {
  create(invitation: Invitation): Promise<void>;
  findById(id: Id): Promise<Invitation | null>;
  findByTokenHash(tokenHash: string): Promise<Invitation | null>;
  /** Newest first. */
  listPage(communityId: Id, request: PageRequest): Promise<KeysetPage<Invitation>>;
  /**
   * Counts one use, only if the invitation is still usable at `now` (checked in the same
   * statement, so two people racing for the last use cannot both get it). Returns
   * whether the use was counted.
   */
  claimUse(id: Id, now: Date): Promise<boolean>;
  revoke(id: Id, at: Date): Promise<void>;
  deleteExpired(before: Date): Promise<number>;
}

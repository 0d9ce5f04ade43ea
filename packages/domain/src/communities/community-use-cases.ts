import { z } from 'zod';
import { endCommunityConsents, type ConsentContext, type ConsentRepositories } from '../consent/consent-use-cases.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id, type IdGenerator } from '../shared/ids.js';
import { pageInputShape, pageRequest, searchSchema, toPage, type Page } from '../shared/pagination.js';
import type { Community, CreateCommunityInput, UpdateCommunityInput } from './community.js';
import type {
  CommunityRepository,
  DirectoryEntry,
  InvitationRepository,
  JoinRequestRepository,
  MembershipRepository,
} from './community.port.js';
import {
  assertInvitationUsable,
  invitationExpiry,
  invitationState,
  type CreateInvitationInput,
  type Invitation,
  type InvitationState,
} from './invitation.js';
import {
  assertKeepsAnOwner,
  isStaff,
  roles,
  type JoinRequest,
  type JoinRequestListEntry,
  type MemberListEntry,
  type Membership,
  type Role,
} from './membership.js';
import {
  actionToGrant,
  assertCan,
  canCreateCommunity,
  canRemoveMember,
  directoryFilter,
  type CommunityAction,
  type CommunityCreationPolicy,
  type Viewer,
} from './permissions.js';

/** The repositories community use cases need, bound to one transaction. */
export interface CommunityRepositories {
  communities: CommunityRepository;
  memberships: MembershipRepository;
  joinRequests: JoinRequestRepository;
  invitations: InvitationRepository;
}

export interface UseCaseContext {
  viewer: Viewer;
  clock: Clock;
  newId: IdGenerator;
}

export type SignedInViewer = NonNullable<Viewer>;

export function requireViewer(viewer: Viewer): SignedInViewer {
  if (!viewer) throw new DomainError('UNAUTHENTICATED');
  return viewer;
}

async function loadCommunity(repos: CommunityRepositories, communityId: Id): Promise<Community> {
  const community = await repos.communities.findById(communityId);
  if (!community) throw new DomainError('NOT_FOUND');
  return community;
}

/** Loads a community and the viewer's membership, and checks the viewer may do `action`. */
export async function authorize(
  repos: CommunityRepositories,
  viewer: Viewer,
  communityId: Id,
  action: CommunityAction,
): Promise<{ community: Community; membership: Membership | null }> {
  const community = await loadCommunity(repos, communityId);
  const membership = viewer ? await repos.memberships.find(community.id, viewer.accountId) : null;
  assertCan(viewer, action, { visibility: community.visibility, role: membership?.role ?? null });
  return { community, membership };
}

export async function listDirectory(repos: CommunityRepositories, ctx: UseCaseContext): Promise<DirectoryEntry[]> {
  return repos.communities.list(directoryFilter(ctx.viewer));
}

export async function createCommunity(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: CreateCommunityInput,
  policy: CommunityCreationPolicy,
): Promise<Community> {
  const viewer = requireViewer(ctx.viewer);
  if (!canCreateCommunity(viewer, policy)) throw new DomainError('COMMUNITY_CREATION_CLOSED');
  if (await repos.communities.findBySlug(input.slug)) throw new DomainError('SLUG_TAKEN');
  const now = ctx.clock.now();
  const community: Community = { id: ctx.newId(), ...input, createdAt: now };
  await repos.communities.create(community);
  await repos.memberships.add({ communityId: community.id, accountId: viewer.accountId, role: 'owner', joinedAt: now });
  return community;
}

export interface CommunityPage {
  community: Community;
  viewerRole: Role | null;
  canRead: boolean;
  hasPendingRequest: boolean;
  memberCount: number;
}

export async function getCommunityBySlug(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  slug: string,
): Promise<CommunityPage> {
  const found = await repos.communities.findBySlug(slug);
  if (!found) throw new DomainError('NOT_FOUND');
  const { community, membership } = await authorize(repos, ctx.viewer, found.id, 'see');
  const role = membership?.role ?? null;
  const pending =
    ctx.viewer && !membership ? await repos.joinRequests.findPending(community.id, ctx.viewer.accountId) : null;
  const readable = community.visibility === 'public' || role !== null || ctx.viewer?.isInstanceAdmin === true;
  const memberCount = (await Promise.all(
    (['member', 'researcher', 'moderator', 'owner'] as const).map((r) => repos.memberships.countByRole(community.id, r)),
  )).reduce((sum, n) => sum + n, 0);
  return { community, viewerRole: role, canRead: readable, hasPendingRequest: pending !== null, memberCount };
}

export async function updateCommunity(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: UpdateCommunityInput,
): Promise<Community> {
  const { community } = await authorize(repos, ctx.viewer, input.communityId, 'update');
  const updated: Community = { ...community, ...input, id: community.id, timeZone: input.timeZone ?? community.timeZone };
  await repos.communities.update(updated);
  return updated;
}

export async function joinCommunity(repos: CommunityRepositories, ctx: UseCaseContext, communityId: Id): Promise<Membership> {
  const viewer = requireViewer(ctx.viewer);
  const community = await loadCommunity(repos, communityId);
  const existing = await repos.memberships.find(community.id, viewer.accountId);
  if (existing) throw new DomainError('ALREADY_MEMBER');
  if (community.visibility === 'private') throw new DomainError('JOIN_NOT_ALLOWED', 'Ask to join, or use an invitation.');
  if (community.visibility === 'invite_only') {
    // Admins may see it; everyone else must not learn that it exists.
    throw new DomainError(viewer.isInstanceAdmin ? 'INVITATION_REQUIRED' : 'NOT_FOUND');
  }
  assertCan(viewer, 'join', { visibility: community.visibility, role: null });
  const membership: Membership = { communityId, accountId: viewer.accountId, role: 'member', joinedAt: ctx.clock.now() };
  await repos.memberships.add(membership);
  return membership;
}

export async function requestToJoin(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: { communityId: Id; message: string },
): Promise<JoinRequest> {
  const viewer = requireViewer(ctx.viewer);
  const community = await loadCommunity(repos, input.communityId);
  if (await repos.memberships.find(community.id, viewer.accountId)) throw new DomainError('ALREADY_MEMBER');
  if (community.visibility === 'invite_only') {
    throw new DomainError(viewer.isInstanceAdmin ? 'INVITATION_REQUIRED' : 'NOT_FOUND');
  }
  if (community.visibility === 'public') throw new DomainError('CONFLICT', 'Public communities are joined directly.');
  if (await repos.joinRequests.findPending(community.id, viewer.accountId)) throw new DomainError('JOIN_REQUEST_PENDING');
  const request: JoinRequest = {
    id: ctx.newId(),
    communityId: community.id,
    accountId: viewer.accountId,
    message: input.message,
    status: 'pending',
    createdAt: ctx.clock.now(),
    decidedAt: null,
    decidedBy: null,
  };
  await repos.joinRequests.create(request);
  return request;
}

export const communityPageInputSchema = z.object({ communityId: idSchema, ...pageInputShape });

export async function listJoinRequests(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof communityPageInputSchema>,
): Promise<Page<JoinRequestListEntry>> {
  await authorize(repos, ctx.viewer, input.communityId, 'reviewJoinRequests');
  const scope = `join-requests:${input.communityId}`;
  return toPage(scope, await repos.joinRequests.listPending(input.communityId, pageRequest(scope, input)));
}

export async function decideJoinRequest(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: { requestId: Id; approve: boolean },
): Promise<void> {
  const viewer = requireViewer(ctx.viewer);
  const request = await repos.joinRequests.findById(input.requestId);
  if (!request) throw new DomainError('NOT_FOUND');
  await authorize(repos, viewer, request.communityId, 'reviewJoinRequests');
  const alreadyDecided = new DomainError('CONFLICT', 'This request was already decided.');
  if (request.status !== 'pending') throw alreadyDecided;
  const now = ctx.clock.now();
  // Only a pending request is decided, in one guarded statement: a racing approve and
  // reject cannot both win. The community's terms and required answers are owed by the
  // new member and asked before they take part (profile-use-cases: owedRequirements).
  const decided = await repos.joinRequests.decide(request.id, {
    status: input.approve ? 'approved' : 'rejected',
    decidedAt: now,
    decidedBy: viewer.accountId,
  });
  if (!decided) throw alreadyDecided;
  if (input.approve && !(await repos.memberships.find(request.communityId, request.accountId))) {
    await repos.memberships.add({ communityId: request.communityId, accountId: request.accountId, role: 'member', joinedAt: now });
  }
}

/** Leaving withdraws the member's consents in the community (channel `leave`): a re-join asks afresh. */
export async function leaveCommunity(repos: ConsentRepositories, ctx: ConsentContext, communityId: Id): Promise<void> {
  const viewer = requireViewer(ctx.viewer);
  const community = await loadCommunity(repos, communityId);
  const membership = await repos.memberships.find(community.id, viewer.accountId);
  if (!membership) throw new DomainError('NOT_MEMBER');
  assertKeepsAnOwner({
    currentRole: membership.role,
    newRole: null,
    ownerCount: await repos.memberships.lockOwners(community.id),
  });
  await repos.memberships.remove(community.id, viewer.accountId);
  await endCommunityConsents(repos, ctx, { accountId: viewer.accountId, communityId: community.id, channel: 'leave' });
}

export const listMembersInputSchema = z.object({
  communityId: idSchema,
  search: searchSchema,
  /** Only owners, moderators and researchers. */
  staff: z.boolean().default(false),
  ...pageInputShape,
});

const staffRoles = roles.filter(isStaff);

/** Any member (and admins) may see who else is in; newest first, searchable by name. */
export async function listMembers(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof listMembersInputSchema>,
): Promise<Page<MemberListEntry>> {
  await authorize(repos, ctx.viewer, input.communityId, 'viewMembers');
  const scope = `members:${input.communityId}:${input.staff ? 'staff' : 'all'}:${input.search ?? ''}`;
  const filter = { search: input.search, roles: input.staff ? staffRoles : null };
  return toPage(scope, await repos.memberships.listPage(input.communityId, filter, pageRequest(scope, input)));
}

export interface MemberSummary {
  total: number;
  /** The newest members, newest first. */
  newest: MemberListEntry[];
  /** The first staff members (newest first) and how many there are. */
  staff: MemberListEntry[];
  staffTotal: number;
}

const SUMMARY_NEWEST = 5;
const SUMMARY_STAFF = 12;

/** What the community page shows of its members; the full list has its own page. */
export async function memberSummary(repos: CommunityRepositories, ctx: UseCaseContext, communityId: Id): Promise<MemberSummary> {
  await authorize(repos, ctx.viewer, communityId, 'viewMembers');
  const [newest, staff] = await Promise.all([
    repos.memberships.listPage(communityId, { search: null, roles: null }, { position: null, limit: SUMMARY_NEWEST }),
    repos.memberships.listPage(communityId, { search: null, roles: staffRoles }, { position: null, limit: SUMMARY_STAFF }),
  ]);
  return { total: newest.total, newest: newest.items, staff: staff.items, staffTotal: staff.total };
}

export async function changeRole(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: { communityId: Id; accountId: Id; role: Role },
): Promise<void> {
  const viewer = requireViewer(ctx.viewer);
  await authorize(repos, viewer, input.communityId, 'manageRoles');
  const target = await repos.memberships.find(input.communityId, input.accountId);
  if (!target) throw new DomainError('NOT_MEMBER');
  if (target.role === input.role) return;
  assertKeepsAnOwner({
    currentRole: target.role,
    newRole: input.role,
    ownerCount: await repos.memberships.lockOwners(input.communityId),
  });
  await repos.memberships.setRole(input.communityId, input.accountId, input.role);
}

/** Removal withdraws the member's consents in the community (channel `removal`), as leaving does. */
export async function removeMember(
  repos: ConsentRepositories,
  ctx: ConsentContext,
  input: { communityId: Id; accountId: Id },
): Promise<void> {
  const viewer = requireViewer(ctx.viewer);
  const { membership } = await authorize(repos, viewer, input.communityId, 'removeMembers');
  const target = await repos.memberships.find(input.communityId, input.accountId);
  if (!target) throw new DomainError('NOT_MEMBER');
  if (target.accountId === viewer.accountId) throw new DomainError('CONFLICT', 'Use "leave" to leave a community.');
  if (!canRemoveMember(viewer, membership?.role ?? null, target.role)) throw new DomainError('FORBIDDEN');
  assertKeepsAnOwner({
    currentRole: target.role,
    newRole: null,
    ownerCount: await repos.memberships.lockOwners(input.communityId),
  });
  await repos.memberships.remove(input.communityId, input.accountId);
  await endCommunityConsents(repos, ctx, { accountId: input.accountId, communityId: input.communityId, channel: 'removal' });
}

export async function createInvitation(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: CreateInvitationInput,
  tokenHash: string,
): Promise<Invitation> {
  const viewer = requireViewer(ctx.viewer);
  const { community, membership } = await authorize(repos, viewer, input.communityId, 'manageInvitations');
  // An invitation grants no more than its creator could grant directly.
  assertCan(viewer, actionToGrant(input.role), { visibility: community.visibility, role: membership?.role ?? null });
  const now = ctx.clock.now();
  const invitation: Invitation = {
    id: ctx.newId(),
    communityId: input.communityId,
    tokenHash,
    role: input.role,
    note: input.note,
    createdBy: viewer.accountId,
    createdAt: now,
    expiresAt: invitationExpiry(now, input.expiresInDays),
    maxUses: input.maxUses,
    uses: 0,
    revokedAt: null,
  };
  await repos.invitations.create(invitation);
  return invitation;
}

export interface InvitationListEntry extends Omit<Invitation, 'tokenHash'> {
  state: InvitationState;
}

export async function listInvitations(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof communityPageInputSchema>,
): Promise<Page<InvitationListEntry>> {
  await authorize(repos, ctx.viewer, input.communityId, 'manageInvitations');
  const now = ctx.clock.now();
  const scope = `invitations:${input.communityId}`;
  const page = await repos.invitations.listPage(input.communityId, pageRequest(scope, input));
  return toPage(scope, page, ({ tokenHash: _secret, ...invitation }) => ({
    ...invitation,
    state: invitationState({ ...invitation, tokenHash: '' }, now),
  }));
}

export async function revokeInvitation(repos: CommunityRepositories, ctx: UseCaseContext, invitationId: Id): Promise<void> {
  const invitation = await repos.invitations.findById(invitationId);
  if (!invitation) throw new DomainError('NOT_FOUND');
  await authorize(repos, ctx.viewer, invitation.communityId, 'manageInvitations');
  if (!invitation.revokedAt) await repos.invitations.revoke(invitation.id, ctx.clock.now());
}

async function findInvitation(repos: CommunityRepositories, tokenHash: string): Promise<Invitation> {
  const invitation = await repos.invitations.findByTokenHash(tokenHash);
  if (!invitation) throw new DomainError('NOT_FOUND');
  return invitation;
}

export interface InvitationPreview {
  community: Pick<Community, 'id' | 'slug' | 'name' | 'description' | 'visibility'>;
  state: InvitationState;
  alreadyMember: boolean;
}

/** What the holder of an invitation link sees before accepting: the token is the permission. */
export async function previewInvitation(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  tokenHash: string,
): Promise<InvitationPreview> {
  const invitation = await findInvitation(repos, tokenHash);
  const community = await loadCommunity(repos, invitation.communityId);
  const membership = ctx.viewer ? await repos.memberships.find(community.id, ctx.viewer.accountId) : null;
  const { id, slug, name, description, visibility } = community;
  return {
    community: { id, slug, name, description, visibility },
    state: invitationState(invitation, ctx.clock.now()),
    alreadyMember: membership !== null,
  };
}

export async function acceptInvitation(
  repos: CommunityRepositories,
  ctx: UseCaseContext,
  tokenHash: string,
): Promise<{ community: Community; membership: Membership }> {
  const viewer = requireViewer(ctx.viewer);
  const invitation = await findInvitation(repos, tokenHash);
  const community = await loadCommunity(repos, invitation.communityId);
  if (await repos.memberships.find(community.id, viewer.accountId)) throw new DomainError('ALREADY_MEMBER');
  const now = ctx.clock.now();
  assertInvitationUsable(invitation, now);
  // The guarded update decides a race for the last use; the loser sees "used up".
  if (!(await repos.invitations.claimUse(invitation.id, now))) throw new DomainError('INVITATION_USED_UP');
  const membership: Membership = { communityId: community.id, accountId: viewer.accountId, role: invitation.role, joinedAt: now };
  await repos.memberships.add(membership);
  return { community, membership };
}

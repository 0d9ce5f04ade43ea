import { DomainError } from '../shared/domain-error.js';
import type { Id } from '../shared/ids.js';
import type { Visibility } from './community.js';
import type { Role } from './membership.js';

/** Who is asking: a signed-in account, or a visitor (null). */
export type Viewer = { accountId: Id; isInstanceAdmin: boolean } | null;

export type CommunityAction =
  | 'see' // know that it exists (directory, its page header)
  | 'read' // read its content
  | 'viewMembers'
  | 'viewMemberDetails' // a member's email and profile answers (audited, with a reason)
  | 'join' // join directly
  | 'requestToJoin'
  | 'leave'
  | 'update'
  | 'manageRoles'
  | 'removeMembers'
  | 'manageInvitations'
  | 'reviewJoinRequests'
  | 'manageSurveys' // create, edit, import/export, schedule, open, close, archive
  | 'viewSurveyResponses' // responses as the survey's anonymity mode shows them
  | 'answerSurveys';

export interface CommunityAccessContext {
  visibility: Visibility;
  /** The viewer's role in this community, or null when not a member. */
  role: Role | null;
}

const atLeast: Record<Role, number> = { member: 0, researcher: 1, moderator: 2, owner: 3 };
const hasRole = (role: Role | null, minimum: Role) => role !== null && atLeast[role] >= atLeast[minimum];

/**
 * The one permission function: every area asks it, the server before every procedure
 * that touches a community. Instance admins may run any community (the operator),
 * but joining and leaving stay personal acts.
 */
export function can(viewer: Viewer, action: CommunityAction, context: CommunityAccessContext): boolean {
  const { visibility, role } = context;
  const admin = viewer?.isInstanceAdmin === true;
  switch (action) {
    case 'see':
      return visibility !== 'invite_only' || role !== null || admin;
    case 'read':
      return visibility === 'public' || role !== null || admin;
    case 'viewMembers':
      return role !== null || admin;
    case 'viewMemberDetails':
      return hasRole(role, 'researcher') || admin;
    case 'join':
      return viewer !== null && role === null && visibility === 'public';
    case 'requestToJoin':
      return viewer !== null && role === null && visibility === 'private';
    case 'leave':
      return role !== null;
    case 'update':
    case 'manageRoles':
      return hasRole(role, 'owner') || admin;
    case 'manageSurveys':
    case 'viewSurveyResponses':
      return hasRole(role, 'researcher') || admin;
    case 'answerSurveys':
      // Answering is a member's own act: an instance admin who is not a member does not answer.
      return role !== null;
    case 'removeMembers':
    case 'manageInvitations':
    case 'reviewJoinRequests':
      return hasRole(role, 'moderator') || admin;
  }
}

/**
 * Throws when the viewer may not act. Someone who may not even know the community
 * exists gets NOT_FOUND, so invite-only communities do not leak through errors.
 */
export function assertCan(viewer: Viewer, action: CommunityAction, context: CommunityAccessContext): void {
  if (can(viewer, action, context)) return;
  if (!can(viewer, 'see', context)) throw new DomainError('NOT_FOUND');
  if (viewer === null) throw new DomainError('UNAUTHENTICATED');
  throw new DomainError('FORBIDDEN');
}

/**
 * What a role is given with: `member` by whoever manages invitations, every staff role
 * only by whoever may change roles. An invitation grants no more than its creator could
 * grant directly (a moderator cannot invite a researcher).
 */
export function actionToGrant(role: Role): CommunityAction {
  return role === 'member' ? 'manageInvitations' : 'manageRoles';
}

/** Moderators may remove members, but only owners (and admins) may remove staff. */
export function canRemoveMember(viewer: Viewer, actorRole: Role | null, targetRole: Role): boolean {
  if (viewer?.isInstanceAdmin) return true;
  if (hasRole(actorRole, 'owner')) return true;
  return hasRole(actorRole, 'moderator') && targetRole === 'member';
}

export type CommunityCreationPolicy = 'admins' | 'everyone';

export function canCreateCommunity(viewer: Viewer, policy: CommunityCreationPolicy): boolean {
  if (viewer === null) return false;
  return viewer.isInstanceAdmin || policy === 'everyone';
}

/**
 * Which communities a directory may list for a viewer, as a filter the adapter runs:
 * public and private ones for everybody, invite-only ones to their members, all to admins.
 */
export interface DirectoryFilter {
  all: boolean;
  listedVisibilities: readonly Visibility[];
  memberAccountId: Id | null;
}

export function directoryFilter(viewer: Viewer): DirectoryFilter {
  return {
    all: viewer?.isInstanceAdmin === true,
    listedVisibilities: ['public', 'private'],
    memberAccountId: viewer?.accountId ?? null,
  };
}

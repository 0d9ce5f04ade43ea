import { describe, expect, it } from 'vitest';
import type { Visibility } from './community.js';
import type { Role } from './membership.js';
import {
  actionToGrant,
  assertCan,
  can,
  canCreateCommunity,
  canRemoveMember,
  directoryFilter,
  type CommunityAction,
  type Viewer,
} from './permissions.js';

const account: Viewer = { accountId: '0190f5f0-0000-7000-8000-0000000000aa', isInstanceAdmin: false };
const admin: Viewer = { accountId: '0190f5f0-0000-7000-8000-0000000000bb', isInstanceAdmin: true };

type Who = 'visitor' | 'outsider' | Role | 'admin';
const viewerFor = (who: Who): Viewer => (who === 'visitor' ? null : who === 'admin' ? admin : account);
const roleFor = (who: Who): Role | null => (who === 'visitor' || who === 'outsider' || who === 'admin' ? null : who);

/** Expected answers, one line per visibility × action: who may. */
const matrix: Record<Visibility, Partial<Record<CommunityAction, Who[]>>> = {
  public: {
    see: ['visitor', 'outsider', 'member', 'researcher', 'moderator', 'owner', 'admin'],
    read: ['visitor', 'outsider', 'member', 'researcher', 'moderator', 'owner', 'admin'],
    viewMembers: ['member', 'researcher', 'moderator', 'owner', 'admin'],
    join: ['outsider', 'admin'],
    requestToJoin: [],
  },
  private: {
    see: ['visitor', 'outsider', 'member', 'researcher', 'moderator', 'owner', 'admin'],
    read: ['member', 'researcher', 'moderator', 'owner', 'admin'],
    join: [],
    requestToJoin: ['outsider', 'admin'],
  },
  invite_only: {
    see: ['member', 'researcher', 'moderator', 'owner', 'admin'],
    read: ['member', 'researcher', 'moderator', 'owner', 'admin'],
    join: [],
    requestToJoin: [],
  },
};
/** The same in every visibility. */
const staffActions: Partial<Record<CommunityAction, Who[]>> = {
  leave: ['member', 'researcher', 'moderator', 'owner'],
  viewMemberDetails: ['researcher', 'moderator', 'owner', 'admin'],
  update: ['owner', 'admin'],
  manageRoles: ['owner', 'admin'],
  removeMembers: ['moderator', 'owner', 'admin'],
  manageInvitations: ['moderator', 'owner', 'admin'],
  reviewJoinRequests: ['moderator', 'owner', 'admin'],
  manageSurveys: ['researcher', 'moderator', 'owner', 'admin'],
  viewSurveyResponses: ['researcher', 'moderator', 'owner', 'admin'],
  answerSurveys: ['member', 'researcher', 'moderator', 'owner'],
};
const everyone: Who[] = ['visitor', 'outsider', 'member', 'researcher', 'moderator', 'owner', 'admin'];

describe.each(Object.keys(matrix) as Visibility[])('a %s community', (visibility) => {
  const expectations = { ...matrix[visibility], ...staffActions };
  for (const [action, allowed] of Object.entries(expectations) as [CommunityAction, Who[]][]) {
    it(`lets exactly ${allowed.join(', ') || 'nobody'} ${action}`, () => {
      const actual = everyone.filter((who) => can(viewerFor(who), action, { visibility, role: roleFor(who) }));
      expect(actual).toEqual(allowed);
    });
  }
});

describe('assertCan', () => {
  it('answers NOT_FOUND to whoever may not know the community exists', () => {
    expect(() => assertCan(account, 'read', { visibility: 'invite_only', role: null })).toThrowError(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
  it('asks visitors to sign in, and forbids the rest', () => {
    expect(() => assertCan(null, 'viewMembers', { visibility: 'public', role: null })).toThrowError(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(() => assertCan(account, 'update', { visibility: 'public', role: 'moderator' })).toThrowError(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});

describe('granting a role (directly or by invitation)', () => {
  const granters: Record<Role, Who[]> = {
    member: ['moderator', 'owner', 'admin'],
    researcher: ['owner', 'admin'],
    moderator: ['owner', 'admin'],
    owner: ['owner', 'admin'],
  };
  for (const [role, allowed] of Object.entries(granters) as [Role, Who[]][]) {
    it(`lets exactly ${allowed.join(', ')} grant ${role}`, () => {
      for (const visibility of Object.keys(matrix) as Visibility[]) {
        const actual = everyone.filter((who) => can(viewerFor(who), actionToGrant(role), { visibility, role: roleFor(who) }));
        expect(actual).toEqual(allowed);
      }
    });
  }
});

describe('removing members', () => {
  it('moderators remove members only; owners and admins anyone', () => {
    expect(canRemoveMember(account, 'moderator', 'member')).toBe(true);
    expect(canRemoveMember(account, 'moderator', 'researcher')).toBe(false);
    expect(canRemoveMember(account, 'owner', 'moderator')).toBe(true);
    expect(canRemoveMember(admin, null, 'owner')).toBe(true);
    expect(canRemoveMember(account, 'member', 'member')).toBe(false);
  });
});

describe('creating communities', () => {
  it('is for admins unless the instance opens it to every account', () => {
    expect(canCreateCommunity(admin, 'admins')).toBe(true);
    expect(canCreateCommunity(account, 'admins')).toBe(false);
    expect(canCreateCommunity(account, 'everyone')).toBe(true);
    expect(canCreateCommunity(null, 'everyone')).toBe(false);
  });
});

describe('the directory', () => {
  it('lists everything to admins, listed ones plus own memberships to others', () => {
    expect(directoryFilter(admin).all).toBe(true);
    expect(directoryFilter(account)).toEqual({ all: false, listedVisibilities: ['public', 'private'], memberAccountId: account?.accountId });
    expect(directoryFilter(null).memberAccountId).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DAY } from '../shared/clock.js';
import {
  assertInvitationUsable,
  createInvitationInputSchema,
  invitationExpiry,
  invitationState,
  type Invitation,
} from './invitation.js';

const createdAt = new Date('2026-05-01T10:00:00Z');
const invitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  id: '0190f5f0-0000-7000-8000-000000000001',
  communityId: '0190f5f0-0000-7000-8000-000000000002',
  tokenHash: 'hash',
  role: 'member',
  note: '',
  createdBy: null,
  createdAt,
  expiresAt: invitationExpiry(createdAt, 7),
  maxUses: 2,
  uses: 0,
  revokedAt: null,
  ...overrides,
});

describe('invitation state', () => {
  it('is usable before expiry and below the use limit', () => {
    expect(invitationState(invitation(), createdAt)).toBe('usable');
    expect(invitationState(invitation({ uses: 1 }), new Date(createdAt.getTime() + 7 * DAY - 1))).toBe('usable');
  });
  it('expires at its expiry instant', () => {
    expect(invitationState(invitation(), new Date(createdAt.getTime() + 7 * DAY))).toBe('expired');
    expect(() => assertInvitationUsable(invitation(), new Date(createdAt.getTime() + 8 * DAY))).toThrowError(
      expect.objectContaining({ code: 'INVITATION_EXPIRED' }),
    );
  });
  it('is used up at its maximum uses; null means unlimited', () => {
    expect(invitationState(invitation({ uses: 2 }), createdAt)).toBe('used_up');
    expect(() => assertInvitationUsable(invitation({ uses: 2 }), createdAt)).toThrowError(
      expect.objectContaining({ code: 'INVITATION_USED_UP' }),
    );
    expect(invitationState(invitation({ maxUses: null, uses: 5000 }), createdAt)).toBe('usable');
  });
  it('revocation wins over everything', () => {
    const revoked = invitation({ revokedAt: createdAt, uses: 2 });
    expect(invitationState(revoked, new Date(createdAt.getTime() + 30 * DAY))).toBe('revoked');
    expect(() => assertInvitationUsable(revoked, createdAt)).toThrowError(expect.objectContaining({ code: 'INVITATION_REVOKED' }));
  });
});

describe('create invitation input', () => {
  const communityId = '0190f5f0-0000-7000-8000-000000000002';
  it('defaults to one member, one use, seven days', () => {
    expect(createInvitationInputSchema.parse({ communityId })).toMatchObject({ role: 'member', maxUses: 1, expiresInDays: 7 });
  });
  it('refuses staff roles and out-of-range limits', () => {
    expect(createInvitationInputSchema.safeParse({ communityId, role: 'owner' }).success).toBe(false);
    expect(createInvitationInputSchema.safeParse({ communityId, expiresInDays: 91 }).error?.issues[0]?.message).toBe('expiry_invalid');
    expect(createInvitationInputSchema.safeParse({ communityId, maxUses: 0 }).error?.issues[0]?.message).toBe('max_uses_invalid');
    expect(createInvitationInputSchema.safeParse({ communityId, maxUses: null }).success).toBe(true);
  });
});

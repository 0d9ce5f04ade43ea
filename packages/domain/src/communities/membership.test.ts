import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { assertKeepsAnOwner, isStaff } from './membership.js';

describe('the last owner', () => {
  it('cannot leave or be removed', () => {
    expect(() => assertKeepsAnOwner({ currentRole: 'owner', newRole: null, ownerCount: 1 })).toThrowError(
      expect.objectContaining({ code: 'LAST_OWNER' }),
    );
  });
  it('cannot be demoted', () => {
    expect(() => assertKeepsAnOwner({ currentRole: 'owner', newRole: 'moderator', ownerCount: 1 })).toThrow(DomainError);
  });
  it('may go once another owner exists', () => {
    expect(() => assertKeepsAnOwner({ currentRole: 'owner', newRole: null, ownerCount: 2 })).not.toThrow();
    expect(() => assertKeepsAnOwner({ currentRole: 'owner', newRole: 'member', ownerCount: 2 })).not.toThrow();
  });
  it('does not concern anyone else', () => {
    expect(() => assertKeepsAnOwner({ currentRole: 'moderator', newRole: null, ownerCount: 1 })).not.toThrow();
    expect(() => assertKeepsAnOwner({ currentRole: 'owner', newRole: 'owner', ownerCount: 1 })).not.toThrow();
  });
});

describe('staff', () => {
  it('is every role above member', () => {
    expect(isStaff('member')).toBe(false);
    expect(['researcher', 'moderator', 'owner'].every((role) => isStaff(role as 'owner'))).toBe(true);
  });
});

import { appPaths } from '@quorum/domain/shared/links';
import type { Clock } from '@quorum/domain/shared/clock';
import type { QuorumDatabase } from '@quorum/db/connect';
import { issueOneTimeToken } from './one-time-tokens.js';

export const setupLinkAnnouncement = 'Open this one-time link to create the admin account:';

/**
 * Who a setup link is for. A start without an admin prints one for the *first* admin:
 * it stops working once any admin exists. `quorum admin create` prints one for
 * *another* admin: the operator asked for it. Stored as the token's payload.
 */
export type SetupLinkKind = 'first-admin' | 'another-admin';
const anotherAdminPayload = 'another-admin';

export function setupLinkKindOf(payload: string | null): SetupLinkKind {
  return payload === anotherAdminPayload ? 'another-admin' : 'first-admin';
}

/**
 * A one-time link that lets whoever holds it create an instance admin. Only the
 * operator sees it (stdout of the start, or the CLI): the first admin is never
 * "whoever signs up first". A new link revokes every older one, so a link left in an
 * old log cannot make an admin later.
 */
export async function issueSetupLink(db: QuorumDatabase, clock: Clock, publicUrl: string, kind: SetupLinkKind): Promise<string> {
  const token = await db.unitOfWork.transaction(async (repos) => {
    await repos.tokens.deleteAll('setup');
    return issueOneTimeToken(repos.tokens, clock.now(), 'setup', null, kind === 'another-admin' ? anotherAdminPayload : null);
  });
  return `${publicUrl}${appPaths.setup(token)}`;
}

/** At start-up: with no instance admin yet, issues a setup link and returns it. */
export async function setupLinkIfNoAdmin(db: QuorumDatabase, clock: Clock, publicUrl: string): Promise<string | null> {
  if ((await db.repositories.accounts.countInstanceAdmins()) > 0) return null;
  return issueSetupLink(db, clock, publicUrl, 'first-admin');
}

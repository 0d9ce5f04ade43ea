import { appPaths } from '@quorum/domain/shared/links';
import type { Clock } from '@quorum/domain/shared/clock';
import type { QuorumDatabase } from '@quorum/db/connect';
import { issueOneTimeToken } from './one-time-tokens.js';

export const setupLinkAnnouncement = 'Open this one-time link to create the admin account:';

/**
 * A one-time link that lets whoever holds it create an instance admin. Only the
 * operator sees it (stdout of the start, or the CLI): the first admin is never
 * "whoever signs up first".
 */
export async function issueSetupLink(db: QuorumDatabase, clock: Clock, publicUrl: string): Promise<string> {
  const token = await db.unitOfWork.transaction((repos) => issueOneTimeToken(repos.tokens, clock.now(), 'setup', null));
  return `${publicUrl}${appPaths.setup(token)}`;
}

/** At start-up: with no instance admin yet, issues a setup link and returns it. */
export async function setupLinkIfNoAdmin(db: QuorumDatabase, clock: Clock, publicUrl: string): Promise<string | null> {
  if ((await db.repositories.accounts.countInstanceAdmins()) > 0) return null;
  return issueSetupLink(db, clock, publicUrl);
}

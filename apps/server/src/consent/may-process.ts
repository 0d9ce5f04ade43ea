import type { QuorumDatabase } from '@quorum/db/connect';
import { consentGate } from '@quorum/domain/consent/consent-use-cases';

/**
 * "May we process this member for this purpose now?" — the server's one entry to the
 * consent gate (email, survey invitations, targeting). False after a withdrawal and while
 * a changed text waits for the member’s answer. For many members at once use whoMayProcess (one query).
 */
export async function mayProcess(
  db: Pick<QuorumDatabase, 'repositories'>,
  accountId: string,
  purposeId: string,
  communityId: string | null = null,
): Promise<boolean> {
  const gate = await consentGate(db.repositories, purposeId, communityId);
  return gate(accountId);
}

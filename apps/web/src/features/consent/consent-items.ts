import { consentKey } from '@quorum/domain/consent/consent-ledger';
import type { Purpose } from '@quorum/domain/consent/purpose-register';

/** The key a purpose's state has in the ledger fold: its scope and its id. */
export function consentKeyOf(purpose: Pick<Purpose, 'communityId' | 'id'>): string {
  return consentKey(purpose.communityId, purpose.id);
}

import { DomainError } from '../shared/domain-error.js';
import type { ConsentState } from './consent-ledger.js';
import { isConsentBased, type Purpose } from './purpose-register.js';

export interface GateQuestion {
  purpose: Purpose;
  /** The member's state for this purpose (from foldConsentLedger), if any. */
  state: ConsentState | undefined;
  /** The current version of the purpose's consent text. */
  currentVersion: number;
}

/**
 * "May we process member M for purpose P now?" — the one answer every feature asks.
 * Contract and legitimate-interest purposes need no consent. A consent counts only on
 * the current text: after a change it is as if not given until the member answers again.
 */
export function mayProcess({ purpose, state, currentVersion }: GateQuestion): boolean {
  if (!isConsentBased(purpose)) return true;
  return state?.status === 'granted' && state.version === currentVersion;
}

export function assertMayProcess(question: GateQuestion): void {
  if (!mayProcess(question)) throw new DomainError('CONSENT_REQUIRED', `No consent for ${question.purpose.id}.`);
}

/** Given on an older text: ask again, for this purpose only. Declined ones are not asked again. */
export function needsRenewal({ purpose, state, currentVersion }: GateQuestion): boolean {
  return isConsentBased(purpose) && state?.status === 'granted' && state.version !== currentVersion;
}

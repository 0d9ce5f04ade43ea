import { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';
import type { Id } from '../shared/ids.js';
import type { Locale } from '../shared/locale.js';
import { textHashSchema, type PolicyText } from './policy-text.js';
import { isConsentBased, purposeIdSchema, type Purpose } from './purpose-register.js';

export const consentActions = ['grant', 'withdraw'] as const;
export type ConsentAction = (typeof consentActions)[number];

/**
 * Where a decision was made; part of the proof. `leave` and `removal` are the withdrawals
 * Quorum records itself when a membership ends (by the member, or by staff).
 */
export const consentChannels = ['sign_up', 'join', 'privacy_center', 'prompt', 'admin', 'leave', 'removal'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/**
 * One insert-only ledger entry. After an erasure `accountId` holds a random tombstone
 * id instead of the member's: the proof stays, the person is gone.
 */
export interface ConsentEvent {
  id: Id;
  accountId: Id;
  /** null for the instance's purposes; a community's own purposes and terms carry its id. */
  communityId: Id | null;
  purposeId: string;
  policyTextId: Id;
  policyVersion: number;
  textHash: string;
  locale: Locale;
  action: ConsentAction;
  channel: ConsentChannel;
  occurredAt: Date;
  requestId: string;
}

export type ConsentStatus = 'granted' | 'withdrawn' | 'not_given';

export interface ConsentState {
  communityId: Id | null;
  purposeId: string;
  status: ConsentStatus;
  /** The version the last decision was made on (null when never decided). */
  version: number | null;
  textHash: string | null;
  decidedAt: Date | null;
  channel: ConsentChannel | null;
}

export function notGiven(purposeId: string, communityId: Id | null = null): ConsentState {
  return { communityId, purposeId, status: 'not_given', version: null, textHash: null, decidedAt: null, channel: null };
}

/** Purposes are named per scope: the instance's, or one community's own. */
export function consentKey(communityId: Id | null, purposeId: string): string {
  return communityId ? `${communityId}:${purposeId}` : purposeId;
}

/**
 * A member's current state per purpose (keyed by consentKey), derived from their
 * events alone: the last decision counts. `events` are in ledger order — the sequence
 * the database assigned on insert (decision 012) — never re-sorted by `occurredAt`: clocks
 * of several processes disagree, step back, and repeat the same millisecond.
 */
export function foldConsentLedger(events: readonly ConsentEvent[]): Map<string, ConsentState> {
  const states = new Map<string, ConsentState>();
  for (const event of events) {
    states.set(consentKey(event.communityId, event.purposeId), {
      communityId: event.communityId,
      purposeId: event.purposeId,
      status: event.action === 'grant' ? 'granted' : 'withdrawn',
      version: event.policyVersion,
      textHash: event.textHash,
      decidedAt: event.occurredAt,
      channel: event.channel,
    });
  }
  return states;
}

/** A grant names the exact text the member saw; a withdrawal needs nothing but the purpose. */
export const consentDecisionSchema = z.discriminatedUnion('action', [
  z.object({ purposeId: purposeIdSchema, action: z.literal('grant'), policyTextId: z.uuid({ error: 'invalid_id' }), textHash: textHashSchema }),
  z.object({ purposeId: purposeIdSchema, action: z.literal('withdraw') }),
]);
export type ConsentDecision = z.infer<typeof consentDecisionSchema>;

/**
 * At most one decision per purpose in one call: the ledger is insert-only, so a call that
 * flips one purpose back and forth would leave rows nobody may ever delete.
 */
export const consentDecisionsInputSchema = z.object({
  decisions: z
    .array(consentDecisionSchema)
    .min(1)
    .max(50)
    .refine((decisions) => new Set(decisions.map((decision) => decision.purposeId)).size === decisions.length, {
      error: 'consent_decisions_duplicate',
    }),
});

/**
 * Turns a member's decision into the event to append, or null when it changes nothing
 * (granting what is already granted on the current text). `currentText` is the current
 * version of the purpose's document (purposeDocument) in the locale the member reads.
 * For the contract purpose a grant records which terms were accepted; it cannot be
 * withdrawn — leaving the service is deleting the account.
 */
export function planConsentEvent(input: {
  purpose: Purpose | undefined;
  state: ConsentState;
  decision: ConsentDecision;
  currentText: PolicyText | null;
  accountId: Id;
  channel: ConsentChannel;
  now: Date;
  newId: () => Id;
  requestId: string;
}): ConsentEvent | null {
  const { purpose, state, decision, currentText } = input;
  if (!purpose) throw new DomainError('PURPOSE_UNKNOWN');
  if (decision.action === 'withdraw' && !isConsentBased(purpose)) throw new DomainError('CONSENT_NOT_APPLICABLE');
  if (!currentText) throw new DomainError('PURPOSE_UNKNOWN', 'The purpose has no text to agree to.');
  if (decision.action === 'grant') {
    if (decision.policyTextId !== currentText.id) throw new DomainError('CONSENT_TEXT_STALE');
    if (decision.textHash !== currentText.bodyHash) throw new DomainError('CONSENT_TEXT_MISMATCH');
    if (state.status === 'granted' && state.version === currentText.version) return null;
  } else if (state.status !== 'granted') {
    throw new DomainError('CONSENT_NOT_GIVEN');
  }
  return {
    id: input.newId(),
    accountId: input.accountId,
    communityId: purpose.communityId,
    purposeId: purpose.id,
    policyTextId: currentText.id,
    policyVersion: currentText.version,
    textHash: currentText.bodyHash,
    locale: currentText.locale,
    action: decision.action,
    channel: input.channel,
    occurredAt: input.now,
    requestId: input.requestId,
  };
}

export type MembershipEndChannel = Extract<ConsentChannel, 'leave' | 'removal'>;

/**
 * The withdrawals a membership's end writes: one per purpose of the community still
 * granted, the community's terms included (outside the member's own decisions, which
 * cannot withdraw the terms: the contract ends with the membership). `texts` holds the
 * current text per purpose id; a purpose without one is left as it is.
 */
export function planMembershipEnd(input: {
  states: readonly ConsentState[];
  texts: ReadonlyMap<string, PolicyText>;
  accountId: Id;
  channel: MembershipEndChannel;
  now: Date;
  newId: () => Id;
  requestId: string;
}): ConsentEvent[] {
  return input.states.flatMap((state) => {
    const text = input.texts.get(state.purposeId);
    if (state.status !== 'granted' || !text) return [];
    return [
      {
        id: input.newId(),
        accountId: input.accountId,
        communityId: state.communityId,
        purposeId: state.purposeId,
        policyTextId: text.id,
        policyVersion: text.version,
        textHash: text.bodyHash,
        locale: text.locale,
        action: 'withdraw' as const,
        channel: input.channel,
        occurredAt: input.now,
        requestId: input.requestId,
      },
    ];
  });
}

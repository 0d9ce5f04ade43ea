import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consentDecisionSchema, consentKey, foldConsentLedger, notGiven, planConsentEvent, type ConsentEvent } from './consent-ledger.js';
import { mayProcess, needsRenewal } from './consent-gate.js';
import { policyTextHash, type PolicyText } from './policy-text.js';
import { corePurposes, findPurpose } from './purpose-register.js';

const research = findPurpose(corePurposes, 'research_surveys')!;
const participation = findPurpose(corePurposes, 'community_participation')!;
const accountId = '0190f5f0-0000-7000-8000-0000000000aa';
const body = 'Ich willige ein, dass meine Antworten ausgewertet werden.';
const text = (version: number): PolicyText => ({
  id: `0190f5f0-0000-7000-8000-00000000000${version}`,
  communityId: null,
  document: 'consent:research_surveys',
  version,
  locale: 'de',
  body: `${body} v${version}`,
  bodyHash: policyTextHash(`${body} v${version}`),
  publishedAt: new Date('2026-01-01T00:00:00Z'),
  publishedBy: null,
});

let ids = 0;
const newId = () => `0190f5f0-0000-7000-9000-${String(++ids).padStart(12, '0')}`;
const event = (action: 'grant' | 'withdraw', version: number, at: number, purposeId = 'research_surveys'): ConsentEvent => ({
  id: newId(),
  accountId,
  communityId: null,
  purposeId,
  policyTextId: text(version).id,
  policyVersion: version,
  textHash: text(version).bodyHash,
  locale: 'de',
  action,
  channel: 'privacy_center',
  occurredAt: new Date(Date.UTC(2026, 0, 1) + at * 1000),
  requestId: 'req',
});

describe('foldConsentLedger', () => {
  it('knows nothing about a purpose without events', () => {
    expect(foldConsentLedger([]).get('research_surveys')).toBeUndefined();
  });
  it('takes the last decision per purpose in ledger order, whatever the events’ clocks say', () => {
    // A withdrawal stamped before the grant it follows (a clock stepped back) still wins.
    const events = [event('grant', 1, 20), event('withdraw', 1, 10), event('grant', 2, 5, 'email_notifications')];
    const states = foldConsentLedger(events);
    expect(states.get('research_surveys')).toMatchObject({ status: 'withdrawn', version: 1 });
    expect(states.get('email_notifications')).toMatchObject({ status: 'granted', version: 2 });
  });
  it('agrees with a step-by-step replay for any sequence, same-millisecond and backward clocks included (property)', () => {
    // Times within a few milliseconds: many equal, some earlier than the event before.
    const step = fc.record({ action: fc.constantFrom('grant' as const, 'withdraw' as const), version: fc.integer({ min: 1, max: 3 }), ms: fc.integer({ min: -2, max: 2 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const events = steps.map((s) => ({ ...event(s.action, s.version, 0), occurredAt: new Date(Date.UTC(2026, 0, 1) + s.ms) }));
        let replayed: ConsentEvent | undefined;
        for (const next of events) replayed = next;
        const state = foldConsentLedger(events).get('research_surveys');
        if (!replayed) {
          expect(state).toBeUndefined();
          return;
        }
        expect(state?.status).toBe(replayed.action === 'grant' ? 'granted' : 'withdrawn');
        expect(state?.version).toBe(replayed.policyVersion);
        expect(state?.decidedAt).toEqual(replayed.occurredAt);
        // The gate opens exactly when the last decision was a grant of the current text.
        expect(mayProcess({ purpose: research, state, currentVersion: 3 })).toBe(replayed.action === 'grant' && replayed.policyVersion === 3);
      }),
    );
  });
});

describe('planConsentEvent', () => {
  const base = { purpose: research, accountId, channel: 'privacy_center' as const, now: new Date('2026-02-01T00:00:00Z'), newId, requestId: 'r1' };
  const grant = (version: number, hash = text(version).bodyHash) =>
    consentDecisionSchema.parse({ purposeId: 'research_surveys', action: 'grant', policyTextId: text(version).id, textHash: hash });

  it('records a grant of the current text with its version and hash', () => {
    const planned = planConsentEvent({ ...base, state: notGiven('research_surveys'), decision: grant(2), currentText: text(2) });
    expect(planned).toMatchObject({ action: 'grant', policyVersion: 2, textHash: text(2).bodyHash, locale: 'de', requestId: 'r1' });
  });
  it('refuses a stale version or a wrong hash', () => {
    expect(() => planConsentEvent({ ...base, state: notGiven('research_surveys'), decision: grant(1), currentText: text(2) })).toThrowError(
      expect.objectContaining({ code: 'CONSENT_TEXT_STALE' }),
    );
    const wrongHash = grant(2, policyTextHash('something else entirely'));
    expect(() => planConsentEvent({ ...base, state: notGiven('research_surveys'), decision: wrongHash, currentText: text(2) })).toThrowError(
      expect.objectContaining({ code: 'CONSENT_TEXT_MISMATCH' }),
    );
  });
  it('refuses withdrawing a consent never given', () => {
    const decision = consentDecisionSchema.parse({ purposeId: 'research_surveys', action: 'withdraw' });
    expect(() => planConsentEvent({ ...base, state: notGiven('research_surveys'), decision, currentText: text(1) })).toThrowError(
      expect.objectContaining({ code: 'CONSENT_NOT_GIVEN' }),
    );
  });
  it('refuses unknown purposes', () => {
    expect(() => planConsentEvent({ ...base, purpose: undefined, state: notGiven('x'), decision: grant(1), currentText: text(1) })).toThrowError(
      expect.objectContaining({ code: 'PURPOSE_UNKNOWN' }),
    );
  });
  it('records accepting the terms for the contract purpose, which cannot be withdrawn', () => {
    const accepted = planConsentEvent({ ...base, purpose: participation, state: notGiven('community_participation'), decision: grant(1), currentText: text(1) });
    expect(accepted).toMatchObject({ purposeId: 'community_participation', action: 'grant', communityId: null });
    const state = foldConsentLedger([accepted!]).get('community_participation')!;
    const withdraw = consentDecisionSchema.parse({ purposeId: 'community_participation', action: 'withdraw' });
    expect(() => planConsentEvent({ ...base, purpose: participation, state, decision: withdraw, currentText: text(1) })).toThrowError(
      expect.objectContaining({ code: 'CONSENT_NOT_APPLICABLE' }),
    );
  });
  it('keeps a community’s own purposes apart from the instance’s', () => {
    const community = '0190f5f0-0000-7000-8000-00000000c0de';
    const own = { ...research, communityId: community };
    const granted = planConsentEvent({ ...base, purpose: own, state: notGiven('research_surveys', community), decision: grant(1), currentText: text(1) })!;
    const states = foldConsentLedger([granted]);
    expect(states.get(consentKey(community, 'research_surveys'))?.status).toBe('granted');
    expect(states.get('research_surveys')).toBeUndefined();
  });
  it('treats granting what is already granted on the current text as no change', () => {
    const state = foldConsentLedger([event('grant', 2, 1)]).get('research_surveys')!;
    expect(planConsentEvent({ ...base, state, decision: grant(2), currentText: text(2) })).toBeNull();
  });
});

describe('the consent gate', () => {
  it('never asks for contract purposes', () => {
    expect(mayProcess({ purpose: participation, state: undefined, currentVersion: 1 })).toBe(true);
  });
  it('closes when the text changed, and asks again only those who had granted', () => {
    const granted = foldConsentLedger([event('grant', 1, 1)]).get('research_surveys');
    const withdrawn = foldConsentLedger([event('grant', 1, 1), event('withdraw', 1, 2)]).get('research_surveys');
    expect(mayProcess({ purpose: research, state: granted, currentVersion: 1 })).toBe(true);
    expect(mayProcess({ purpose: research, state: granted, currentVersion: 2 })).toBe(false);
    expect(needsRenewal({ purpose: research, state: granted, currentVersion: 2 })).toBe(true);
    expect(needsRenewal({ purpose: research, state: withdrawn, currentVersion: 2 })).toBe(false);
    expect(needsRenewal({ purpose: research, state: undefined, currentVersion: 2 })).toBe(false);
  });
});

import { z } from 'zod';
import { shownTextSchema } from '../accounts/account.js';
import type { CommunityRepositories, UseCaseContext } from '../communities/community-use-cases.js';
import { directoryFilter } from '../communities/permissions.js';
import { DomainError } from '../shared/domain-error.js';
import type { Id } from '../shared/ids.js';
import { localeSchema } from '../shared/locale-schema.js';
import type { Locale } from '../shared/locale.js';
import { mayProcess, needsRenewal, type GateQuestion } from './consent-gate.js';
import {
  consentDecisionsInputSchema,
  planMembershipEnd,
  consentKey,
  foldConsentLedger,
  notGiven,
  planConsentEvent,
  type ConsentChannel,
  type ConsentDecision,
  type MembershipEndChannel,
  type ConsentEvent,
  type ConsentState,
} from './consent-ledger.js';
import type { ConsentAudience, ConsentLedgerRepository, PolicyTextRepository, PurposeRepository } from './consent.port.js';
import type { PolicyText } from './policy-text.js';
import { corePurposeIds, corePurposes, findPurpose, isConsentBased, purposeDocument, purposeIdSchema, type Purpose } from './purpose-register.js';

export interface ConsentRepositories extends CommunityRepositories {
  policyTexts: PolicyTextRepository;
  consentLedger: ConsentLedgerRepository;
  purposes: PurposeRepository;
}

/** Every request has an id; consent events carry it as part of the proof. */
export interface ConsentContext extends UseCaseContext {
  requestId: string;
}

export const localeInputSchema = z.object({ locale: localeSchema });

/**
 * The privacy center's and the prompt's decisions. `communityId` names the scope of the
 * purposes decided on (null: the instance's); one call decides within one scope.
 */
export const decideConsentInputSchema = consentDecisionsInputSchema.extend({
  communityId: z.uuid({ error: 'invalid_id' }).nullable().default(null),
  channel: z.enum(['privacy_center', 'prompt'], { error: 'channel_invalid' }),
});

/** "I agree to this exact text" for one optional purpose (sign-up, join). */
export const purposeConsentSchema = shownTextSchema.extend({ purposeId: purposeIdSchema });

export interface ConsentOverviewItem {
  purpose: Purpose;
  /** The current text of the purpose's document, in the reader's locale. */
  text: PolicyText;
  state: ConsentState;
  /** Agreed to an older text: ask again, for this purpose only. */
  needsRenewal: boolean;
  /** The gate's answer right now. */
  mayProcess: boolean;
  /** The community whose own purpose or terms this is (null: the instance's). */
  communityName: string | null;
}

const participation = findPurpose(corePurposes, corePurposeIds.participation)!;

/**
 * The purposes of one scope: the instance's register, or a community's own purposes plus
 * its own terms (the contract purpose, scoped to the community).
 */
async function purposesOfScope(repos: ConsentRepositories, communityId: Id | null): Promise<Purpose[]> {
  if (!communityId) return [...corePurposes];
  return [{ ...participation, communityId }, ...(await repos.purposes.listForCommunity(communityId))];
}

/**
 * Asked (again): a consent given on an older text; the instance's terms accepted in an
 * older version; a community's terms not accepted in their current version — also never
 * accepted, as after an approved join request or when a community publishes its first
 * terms (a member owes them before taking part).
 */
function askAgain(question: GateQuestion & { state: ConsentState }): boolean {
  if (isConsentBased(question.purpose)) return needsRenewal(question);
  const accepted = question.state.status === 'granted' && question.state.version === question.currentVersion;
  if (question.purpose.communityId !== null) return !accepted;
  return question.state.status === 'granted' && !accepted;
}

async function overviewItem(
  repos: ConsentRepositories,
  purpose: Purpose,
  states: Map<string, ConsentState>,
  locale: Locale,
  communityName: string | null,
): Promise<ConsentOverviewItem | null> {
  const text = await repos.policyTexts.findCurrent(purpose.communityId, purposeDocument(purpose), locale);
  if (!text) return null; // a community purpose whose text is not published yet: nothing to agree to
  const state = states.get(consentKey(purpose.communityId, purpose.id)) ?? notGiven(purpose.id, purpose.communityId);
  const question = { purpose, state, currentVersion: text.version };
  return { purpose, text, state, needsRenewal: askAgain(question), mayProcess: mayProcess(question), communityName };
}

/** The communities the member belongs to. */
async function memberCommunities(repos: ConsentRepositories, viewer: NonNullable<UseCaseContext['viewer']>): Promise<{ id: Id; name: string }[]> {
  const entries = await repos.communities.list(directoryFilter(viewer));
  return entries.filter((entry) => entry.viewerRole !== null).map(({ id, name }) => ({ id, name }));
}

/**
 * Every purpose that concerns the member, with its state: the instance's (terms included)
 * and those of each community they belong to (its own terms only if it has some).
 */
export async function consentOverview(
  repos: ConsentRepositories,
  viewer: NonNullable<UseCaseContext['viewer']>,
  locale: Locale,
): Promise<ConsentOverviewItem[]> {
  const states = foldConsentLedger(await repos.consentLedger.listForAccount(viewer.accountId));
  const purposes: { purpose: Purpose; communityName: string | null }[] = corePurposes.map((purpose) => ({ purpose, communityName: null }));
  for (const community of await memberCommunities(repos, viewer)) {
    for (const purpose of await purposesOfScope(repos, community.id)) purposes.push({ purpose, communityName: community.name });
  }
  const items = await Promise.all(purposes.map(({ purpose, communityName }) => overviewItem(repos, purpose, states, locale, communityName)));
  return items.filter((item): item is ConsentOverviewItem => item !== null);
}

export async function pendingConsents(
  repos: ConsentRepositories,
  viewer: NonNullable<UseCaseContext['viewer']>,
  locale: Locale,
): Promise<ConsentOverviewItem[]> {
  return (await consentOverview(repos, viewer, locale)).filter((item) => item.needsRenewal);
}

/**
 * The current text a grant names. Only the newest version may be agreed to (an older one
 * is stale), and only the text of this purpose's own document and scope.
 */
async function grantedText(repos: ConsentRepositories, purpose: Purpose, policyTextId: Id): Promise<PolicyText> {
  const text = await repos.policyTexts.findById(policyTextId);
  if (!text) throw new DomainError('CONSENT_TEXT_STALE');
  if (text.document !== purposeDocument(purpose) || text.communityId !== purpose.communityId) {
    throw new DomainError('CONSENT_TEXT_MISMATCH', 'This text belongs to another purpose.');
  }
  if (text.version !== (await repos.policyTexts.latestVersion(purpose.communityId, text.document))) {
    throw new DomainError('CONSENT_TEXT_STALE');
  }
  return text;
}

/**
 * Appends the events for a member's decisions in one scope. Runs inside the caller's
 * transaction: all decisions land, or none.
 */
async function applyDecisions(
  repos: ConsentRepositories,
  ctx: ConsentContext,
  input: { accountId: Id; communityId: Id | null; decisions: readonly ConsentDecision[]; channel: ConsentChannel; locale: Locale },
): Promise<ConsentEvent[]> {
  const register = await purposesOfScope(repos, input.communityId);
  const events = await repos.consentLedger.listForAccount(input.accountId);
  const appended: ConsentEvent[] = [];
  for (const decision of input.decisions) {
    const purpose = findPurpose(register, decision.purposeId);
    if (!purpose) throw new DomainError('PURPOSE_UNKNOWN');
    const state = foldConsentLedger(events).get(consentKey(purpose.communityId, purpose.id)) ?? notGiven(purpose.id, purpose.communityId);
    const currentText =
      decision.action === 'grant'
        ? await grantedText(repos, purpose, decision.policyTextId)
        : await repos.policyTexts.findCurrent(purpose.communityId, purposeDocument(purpose), input.locale);
    const event = planConsentEvent({
      purpose,
      state,
      decision,
      currentText,
      accountId: input.accountId,
      channel: input.channel,
      now: ctx.clock.now(),
      newId: ctx.newId,
      requestId: ctx.requestId,
    });
    if (!event) continue;
    await repos.consentLedger.append(event);
    events.push(event);
    appended.push(event);
  }
  return appended;
}

/** One click per purpose in the privacy center or the prompt: give, or withdraw, at once. */
export async function decideConsents(
  repos: ConsentRepositories,
  ctx: ConsentContext,
  input: z.infer<typeof decideConsentInputSchema>,
  locale: Locale,
): Promise<ConsentOverviewItem[]> {
  const viewer = ctx.viewer;
  if (!viewer) throw new DomainError('UNAUTHENTICATED');
  if (input.communityId && input.decisions.some((decision) => decision.action === 'grant')) {
    // Held until commit: a leave or removal racing this grant sees it and withdraws it.
    if (!(await repos.memberships.findHeld(input.communityId, viewer.accountId))) throw new DomainError('NOT_MEMBER');
  }
  await applyDecisions(repos, ctx, { ...input, accountId: viewer.accountId, locale });
  return consentOverview(repos, viewer, locale);
}

function grants(consents: readonly z.infer<typeof purposeConsentSchema>[]): ConsentDecision[] {
  return consents.map((consent) => ({ action: 'grant', ...consent }));
}

/** Optional purposes may only be consent-based ones: the terms are accepted separately. */
function assertOptional(register: readonly Purpose[], consents: readonly { purposeId: string }[]): void {
  for (const consent of consents) {
    const purpose = findPurpose(register, consent.purposeId);
    if (!purpose) throw new DomainError('PURPOSE_UNKNOWN');
    if (!isConsentBased(purpose)) throw new DomainError('CONSENT_NOT_APPLICABLE');
  }
}

/** Sign-up: the accepted terms and every ticked optional purpose, as channel sign_up. */
export async function recordSignUpConsents(
  repos: ConsentRepositories,
  ctx: ConsentContext,
  input: { accountId: Id; locale: Locale; termsAccepted: z.infer<typeof shownTextSchema>; consents: z.infer<typeof purposeConsentSchema>[] },
): Promise<void> {
  assertOptional(corePurposes, input.consents);
  await applyDecisions(repos, ctx, {
    accountId: input.accountId,
    communityId: null,
    channel: 'sign_up',
    locale: input.locale,
    decisions: [{ action: 'grant', purposeId: participation.id, ...input.termsAccepted }, ...grants(input.consents)],
  });
}

/** Joining: a community's own terms (required when it has some) and its optional purposes. */
export async function recordJoinConsents(
  repos: ConsentRepositories,
  ctx: ConsentContext,
  input: {
    accountId: Id;
    communityId: Id;
    locale: Locale;
    termsAccepted?: z.infer<typeof shownTextSchema> | undefined;
    consents: z.infer<typeof purposeConsentSchema>[];
  },
): Promise<void> {
  const hasOwnTerms = (await repos.policyTexts.latestVersion(input.communityId, 'terms')) > 0;
  if (hasOwnTerms && !input.termsAccepted) throw new DomainError('CONSENT_REQUIRED', 'The community terms must be accepted.');
  assertOptional(await purposesOfScope(repos, input.communityId), input.consents);
  const decisions: ConsentDecision[] = grants(input.consents);
  if (hasOwnTerms && input.termsAccepted) decisions.unshift({ action: 'grant', purposeId: participation.id, ...input.termsAccepted });
  await applyDecisions(repos, ctx, { ...input, channel: 'join', decisions });
}

export interface SignUpTexts {
  terms: PolicyText;
  privacyNotice: PolicyText;
  minimumAge: number;
  optional: { purpose: Purpose; text: PolicyText }[];
}

/** What sign-up shows: the terms to accept, the notice to read, each optional purpose unticked. */
export async function signUpTexts(repos: Pick<ConsentRepositories, 'policyTexts'>, locale: Locale, minimumAge: number): Promise<SignUpTexts> {
  const [terms, privacyNotice] = await Promise.all([
    repos.policyTexts.findCurrent(null, 'terms', locale),
    repos.policyTexts.findCurrent(null, 'privacy_notice', locale),
  ]);
  if (!terms || !privacyNotice) throw new DomainError('NOT_FOUND', 'The instance has no terms or privacy notice.');
  const optional = await Promise.all(
    corePurposes.filter(isConsentBased).map(async (purpose) => ({
      purpose,
      text: await repos.policyTexts.findCurrent(null, purposeDocument(purpose), locale),
    })),
  );
  return {
    terms,
    privacyNotice,
    minimumAge,
    optional: optional.filter((entry): entry is { purpose: Purpose; text: PolicyText } => entry.text !== null),
  };
}

/**
 * The consent gate for one purpose, ready to ask about many members: the purpose and its
 * current text version are looked up once. Every feature that needs a consent asks this.
 */
export async function consentGate(
  repos: Pick<ConsentRepositories, 'policyTexts' | 'consentLedger' | 'purposes'>,
  purposeId: string,
  communityId: Id | null = null,
): Promise<(accountId: Id) => Promise<boolean>> {
  const { purpose, currentVersion } = await gatedPurpose(repos, purposeId, communityId);
  return async (accountId) => {
    const states = foldConsentLedger(await repos.consentLedger.listForAccount(accountId));
    return mayProcess({ purpose, state: states.get(consentKey(communityId, purpose.id)), currentVersion });
  };
}

/** The purpose a gate asks about: the instance's, or one a community added. */
async function gatedPurpose(
  repos: Pick<ConsentRepositories, 'policyTexts' | 'purposes'>,
  purposeId: string,
  communityId: Id | null,
): Promise<{ purpose: Purpose; currentVersion: number }> {
  const register = communityId ? await repos.purposes.listForCommunity(communityId) : corePurposes;
  const purpose = findPurpose(register, purposeId);
  if (!purpose) throw new DomainError('PURPOSE_UNKNOWN');
  return { purpose, currentVersion: await repos.policyTexts.latestVersion(communityId, purposeDocument(purpose)) };
}

/**
 * The consent gate for many members at once (segments, quotas, survey invitations): of the
 * audience, who may be processed for the purpose now — one query on the current-consent
 * table, the same answer as `mayProcess` for each of them. `communityId` is the scope of
 * the purpose (null: the instance's), not the audience.
 */
export async function whoMayProcess(
  repos: Pick<ConsentRepositories, 'policyTexts' | 'consentLedger' | 'purposes' | 'memberships'>,
  input: { purposeId: string; communityId: Id | null; audience: ConsentAudience },
): Promise<Set<Id>> {
  const { purpose, currentVersion } = await gatedPurpose(repos, input.purposeId, input.communityId);
  if (!isConsentBased(purpose)) {
    const { audience } = input;
    if ('accountIds' in audience) return new Set(audience.accountIds);
    return new Set(await repos.memberships.accountIds(audience.membersOf));
  }
  return repos.consentLedger.grantedOn({ communityId: input.communityId, purposeId: purpose.id, version: currentVersion, audience: input.audience });
}

/**
 * A membership ends (the member left, or staff removed them): every consent given in the
 * community ends with it in the ledger, its terms included — the contract is over. A
 * re-join asks afresh. Runs in the caller's transaction; the events name the current
 * texts in the community's language.
 */
export async function endCommunityConsents(
  repos: ConsentRepositories,
  ctx: ConsentContext,
  input: { accountId: Id; communityId: Id; channel: MembershipEndChannel },
): Promise<void> {
  const community = await repos.communities.findById(input.communityId);
  if (!community) throw new DomainError('NOT_FOUND');
  const states = foldConsentLedger(await repos.consentLedger.listForAccount(input.accountId));
  const purposes = await purposesOfScope(repos, input.communityId);
  const texts = new Map<string, PolicyText>();
  for (const purpose of purposes) {
    const text = await repos.policyTexts.findCurrent(input.communityId, purposeDocument(purpose), community.defaultLocale);
    if (text) texts.set(purpose.id, text);
  }
  const events = planMembershipEnd({
    states: [...states.values()].filter((state) => state.communityId === input.communityId),
    texts,
    accountId: input.accountId,
    channel: input.channel,
    now: ctx.clock.now(),
    newId: ctx.newId,
    requestId: ctx.requestId,
  });
  for (const event of events) await repos.consentLedger.append(event);
}

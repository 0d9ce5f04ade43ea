import { z } from 'zod';
import { shownTextSchema } from '../accounts/account.js';
import { purposeConsentSchema, recordJoinConsents, type ConsentContext, type ConsentRepositories } from '../consent/consent-use-cases.js';
import type { PolicyText } from '../consent/policy-text.js';
import { corePurposeIds, corePurposes, findPurpose, isConsentBased, purposeDocument, type Purpose } from '../consent/purpose-register.js';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';
import type { Locale } from '../shared/locale.js';
import type { Community } from './community.js';
import {
  acceptInvitation,
  authorize,
  joinCommunity,
  previewInvitation,
  requireViewer,
  type InvitationPreview,
  type UseCaseContext,
} from './community-use-cases.js';
import { invitationTokenInputSchema } from './invitation.js';
import { isStaff, type Membership } from './membership.js';
import type { AudienceCounts, ProfileAttributeRepository, ProfileValueRepository } from './profile-attribute.port.js';
import {
  attributeDefinitionInputSchema,
  missingRequired,
  parseAttributeValue,
  type AttributeValue,
  type ProfileAttribute,
  type ProfileValue,
} from './profile-attribute.js';

export interface ProfileRepositories extends ConsentRepositories {
  profileAttributes: ProfileAttributeRepository;
  profileValues: ProfileValueRepository;
}

export const saveAttributeInputSchema = attributeDefinitionInputSchema.and(z.object({ attributeId: idSchema.optional() }));
export const attributeIdInputSchema = z.object({ attributeId: idSchema });

const rawAnswerSchema = z.union([z.string(), z.number(), z.array(z.string())]);

/** What joining brings besides the way in: answers to the required questions, the accepted terms, optional consents. */
const joinAgreementsShape = {
  answers: z.record(idSchema, rawAnswerSchema).default({}),
  termsAccepted: shownTextSchema.optional(),
  consents: z.array(purposeConsentSchema).max(20).default([]),
};
type JoinAgreements = z.infer<z.ZodObject<typeof joinAgreementsShape>>;

export const joinInputSchema = z.object({ communityId: idSchema, ...joinAgreementsShape });
/** Accepting an invitation asks for the same as joining: the token only replaces the open door. */
export const acceptInvitationInputSchema = invitationTokenInputSchema.extend(joinAgreementsShape);

export const targetingPreviewInputSchema = z.object({
  communityId: idSchema,
  filters: z.array(z.object({ attributeId: idSchema, anyOf: z.array(z.string().max(500)).min(1).max(100) })).max(20),
});

export async function listAttributes(repos: ProfileRepositories, ctx: UseCaseContext, communityId: Id): Promise<ProfileAttribute[]> {
  await authorize(repos, ctx.viewer, communityId, 'viewMembers');
  return repos.profileAttributes.list(communityId);
}

/** Creates an attribute, or changes one; its key and type stay as they were (answers depend on them). */
export async function saveAttribute(
  repos: ProfileRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof saveAttributeInputSchema>,
): Promise<ProfileAttribute> {
  await authorize(repos, ctx.viewer, input.communityId, 'update');
  const existing = await repos.profileAttributes.list(input.communityId);
  const { attributeId, ...definition } = input;
  if (attributeId) {
    const current = existing.find((attribute) => attribute.id === attributeId);
    if (!current) throw new DomainError('NOT_FOUND');
    if (current.key !== definition.key || current.type !== definition.type) {
      throw new DomainError('CONFLICT', 'The key and type of an attribute cannot change.');
    }
    const updated: ProfileAttribute = { ...current, label: definition.label, options: definition.options, required: definition.required };
    await repos.profileAttributes.update(updated);
    return updated;
  }
  if (existing.some((attribute) => attribute.key === definition.key)) throw new DomainError('CONFLICT', 'This key is taken.');
  const attribute: ProfileAttribute = {
    id: ctx.newId(),
    ...definition,
    position: existing.reduce((max, item) => Math.max(max, item.position + 1), 0),
    createdAt: ctx.clock.now(),
  };
  await repos.profileAttributes.create(attribute);
  return attribute;
}

export async function deleteAttribute(repos: ProfileRepositories, ctx: UseCaseContext, attributeId: Id): Promise<void> {
  const attribute = await repos.profileAttributes.findById(attributeId);
  if (!attribute) throw new DomainError('NOT_FOUND');
  await authorize(repos, ctx.viewer, attribute.communityId, 'update');
  await repos.profileAttributes.delete(attributeId);
}

export interface MyProfile {
  attributes: ProfileAttribute[];
  values: ProfileValue[];
}

/** `forWriting`: the membership is held until commit, so a removal running meanwhile cannot pull it away. */
async function requireMembership(repos: ProfileRepositories, ctx: UseCaseContext, communityId: Id, forWriting = false): Promise<Id> {
  const viewer = requireViewer(ctx.viewer);
  await authorize(repos, viewer, communityId, 'see');
  const { memberships } = repos;
  const membership = forWriting ? await memberships.findHeld(communityId, viewer.accountId) : await memberships.find(communityId, viewer.accountId);
  if (!membership) throw new DomainError('NOT_MEMBER');
  return viewer.accountId;
}

export async function myProfile(repos: ProfileRepositories, ctx: UseCaseContext, communityId: Id): Promise<MyProfile> {
  const accountId = await requireMembership(repos, ctx, communityId);
  return { attributes: await repos.profileAttributes.list(communityId), values: await repos.profileValues.list(communityId, accountId) };
}

function findAttribute(attributes: readonly ProfileAttribute[], attributeId: Id): ProfileAttribute {
  const attribute = attributes.find((candidate) => candidate.id === attributeId);
  if (!attribute) throw new DomainError('ATTRIBUTE_VALUE_INVALID', 'Unknown attribute.', { attribute: attributeId, reason: 'unknown' });
  return attribute;
}

/** Checks every answer first, then writes them: a wrong one changes nothing. */
async function writeAnswers(
  repos: ProfileRepositories,
  ctx: UseCaseContext,
  target: { communityId: Id; accountId: Id },
  answers: Record<Id, AttributeValue | null | unknown>,
): Promise<void> {
  const attributes = await repos.profileAttributes.list(target.communityId);
  const planned = Object.entries(answers).map(([attributeId, raw]) => {
    const attribute = findAttribute(attributes, attributeId);
    if (raw === null) {
      if (attribute.required) {
        throw new DomainError('ATTRIBUTE_VALUE_INVALID', `${attribute.key}: required`, { attribute: attribute.key, reason: 'required' });
      }
      return { attribute, value: null };
    }
    return { attribute, value: parseAttributeValue(attribute, raw) };
  });
  const now = ctx.clock.now();
  for (const { attribute, value } of planned) {
    if (value === null) await repos.profileValues.delete(target.communityId, target.accountId, attribute.id);
    else await repos.profileValues.upsert({ ...target, attributeId: attribute.id, value, updatedAt: now });
  }
}

export async function saveMyProfile(
  repos: ProfileRepositories,
  ctx: UseCaseContext,
  input: { communityId: Id; answers: Record<Id, AttributeValue | null> },
): Promise<MyProfile> {
  const accountId = await requireMembership(repos, ctx, input.communityId, true);
  await writeAnswers(repos, ctx, { communityId: input.communityId, accountId }, input.answers);
  return myProfile(repos, ctx, input.communityId);
}

export interface OwedAnswers {
  community: Pick<Community, 'id' | 'slug' | 'name'>;
  /** Required questions the member has not answered: asked before they take part. */
  attributes: ProfileAttribute[];
}

/**
 * The required answers a member owes, per community: after an approved join request (which
 * asks nothing), or when staff add a required question. The community's terms they owe
 * are asked with the pending consents (consent-use-cases). Staff owe no answers.
 */
export async function owedAnswers(repos: ProfileRepositories, ctx: UseCaseContext): Promise<OwedAnswers[]> {
  const viewer = requireViewer(ctx.viewer);
  const owed: OwedAnswers[] = [];
  for (const membership of await repos.memberships.listForAccount(viewer.accountId)) {
    // Profile questions are for the community's members; its staff run it.
    if (isStaff(membership.role)) continue;
    const answered = new Set((await repos.profileValues.list(membership.communityId, viewer.accountId)).map((value) => value.attributeId));
    const attributes = missingRequired(await repos.profileAttributes.list(membership.communityId), answered);
    const community = attributes.length > 0 ? await repos.communities.findById(membership.communityId) : null;
    if (community) owed.push({ community: { id: community.id, slug: community.slug, name: community.name }, attributes });
  }
  return owed;
}

export interface JoinRequirements {
  requiredAttributes: ProfileAttribute[];
  /** The community's own terms, if it has any: accepting them is required to join. */
  terms: PolicyText | null;
  /** Its own optional purposes, each with its consent text. */
  purposes: { purpose: Purpose; text: PolicyText }[];
}

/** The requirements themselves; callers decide who may read them. */
async function requirementsOf(repos: ProfileRepositories, communityId: Id, locale: Locale): Promise<JoinRequirements> {
  const purposes = await Promise.all(
    (await repos.purposes.listForCommunity(communityId)).map(async (purpose) => ({
      purpose,
      text: await repos.policyTexts.findCurrent(communityId, purposeDocument(purpose), locale),
    })),
  );
  return {
    requiredAttributes: (await repos.profileAttributes.list(communityId)).filter((attribute) => attribute.required),
    terms: await repos.policyTexts.findCurrent(communityId, 'terms', locale),
    purposes: purposes.filter((entry): entry is { purpose: Purpose; text: PolicyText } => entry.text !== null),
  };
}

/** Whoever may see a community may read what joining it asks for. */
export async function joinRequirements(
  repos: ProfileRepositories,
  ctx: UseCaseContext,
  communityId: Id,
  locale: Locale,
): Promise<JoinRequirements> {
  await authorize(repos, ctx.viewer, communityId, 'see');
  return requirementsOf(repos, communityId, locale);
}

export interface InvitationOffer extends InvitationPreview {
  /** What accepting asks for; only while the invitation can still be used by this viewer. */
  requirements: JoinRequirements | null;
}

/**
 * The invitation landing: the token is the permission, also to read the requirements of an
 * invite-only community. Texts in `locale`, else in the community's default locale.
 */
export async function invitationOffer(
  repos: ProfileRepositories,
  ctx: UseCaseContext,
  tokenHash: string,
  locale: Locale | null,
): Promise<InvitationOffer> {
  const preview = await previewInvitation(repos, ctx, tokenHash);
  if (preview.state !== 'usable' || preview.alreadyMember) return { ...preview, requirements: null };
  const community = await repos.communities.findById(preview.community.id);
  if (!community) throw new DomainError('NOT_FOUND');
  return { ...preview, requirements: await requirementsOf(repos, community.id, locale ?? community.defaultLocale) };
}

/**
 * A new membership meets its community's requirements: every required question answered,
 * its own terms accepted, the ticked optional purposes recorded. Inside the caller's
 * transaction, so a missing answer leaves no membership behind.
 */
async function meetJoinRequirements(
  repos: ProfileRepositories,
  ctx: ConsentContext,
  membership: Membership,
  agreements: JoinAgreements,
  locale: Locale,
): Promise<void> {
  const attributes = await repos.profileAttributes.list(membership.communityId);
  const missing = missingRequired(attributes, new Set(Object.keys(agreements.answers)));
  if (missing[0]) {
    throw new DomainError('ATTRIBUTE_VALUE_INVALID', `${missing[0].key}: required`, { attribute: missing[0].key, reason: 'required' });
  }
  await writeAnswers(repos, ctx, membership, agreements.answers);
  await recordJoinConsents(repos, ctx, { ...agreements, communityId: membership.communityId, accountId: membership.accountId, locale });
}

/** Joining a public community with its requirements: answers, its terms, its optional purposes. */
export async function joinWithRequirements(
  repos: ProfileRepositories,
  ctx: ConsentContext,
  input: z.infer<typeof joinInputSchema>,
  locale: Locale,
): Promise<void> {
  const { communityId, ...agreements } = input;
  await meetJoinRequirements(repos, ctx, await joinCommunity(repos, ctx, communityId), agreements, locale);
}

/** Accepting an invitation with the same requirements; a refused attempt counts no use. */
export async function acceptInvitationWithRequirements(
  repos: ProfileRepositories,
  ctx: ConsentContext,
  input: { tokenHash: string } & JoinAgreements,
  locale: Locale,
): Promise<{ community: Community; membership: Membership }> {
  const { tokenHash, ...agreements } = input;
  const accepted = await acceptInvitation(repos, ctx, tokenHash);
  await meetJoinRequirements(repos, ctx, accepted.membership, agreements, locale);
  return accepted;
}

export type TargetingPreview = AudienceCounts;

/**
 * How many members a segment reaches. Only members with the profile-targeting consent on
 * its current text are ever matched: the others' profiles are not used, not even for
 * counting. The database counts, so the cost does not grow with round trips per member.
 */
export async function targetingPreview(
  repos: ProfileRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof targetingPreviewInputSchema>,
): Promise<TargetingPreview> {
  const { membership } = await authorize(repos, ctx.viewer, input.communityId, 'viewMembers');
  if (!ctx.viewer?.isInstanceAdmin && membership?.role === 'member') throw new DomainError('FORBIDDEN');
  const attributes = await repos.profileAttributes.list(input.communityId);
  for (const filter of input.filters) findAttribute(attributes, filter.attributeId);
  const purpose = findPurpose(corePurposes, corePurposeIds.targeting);
  if (!purpose) throw new DomainError('PURPOSE_UNKNOWN');
  const consent = isConsentBased(purpose)
    ? { purposeId: purpose.id, communityId: null, version: await repos.policyTexts.latestVersion(null, purposeDocument(purpose)) }
    : null;
  return repos.profileValues.countAudience({ communityId: input.communityId, consent, filters: input.filters });
}

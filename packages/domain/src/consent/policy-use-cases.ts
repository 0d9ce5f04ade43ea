import { z } from 'zod';
import { authorize, requireViewer, type CommunityRepositories, type UseCaseContext } from '../communities/community-use-cases.js';
import type { AuditLogRepository } from '../privacy/privacy.port.js';
import { DomainError } from '../shared/domain-error.js';
import type { Id, IdGenerator } from '../shared/ids.js';
import { locales, type Locale } from '../shared/locale.js';
import { localeSchema } from '../shared/locale-schema.js';
import type { Clock } from '../shared/clock.js';
import type { PolicyTextRepository, PurposeRepository } from './consent.port.js';
import { defaultPolicyTexts } from './default-policy-texts.js';
import type {
  publishPolicyInputSchema} from './policy-text.js';
import {
  normalizePolicyText,
  policyDocumentSchema,
  policyTextHash,
  type PolicyDocument,
  type PolicyText,
} from './policy-text.js';
import {
  corePurposes,
  findPurpose,
  isConsentBased,
  purposeDocument,
  type CommunityPurposeInput,
  type Purpose,
} from './purpose-register.js';

export interface PolicyRepositories extends CommunityRepositories {
  policyTexts: PolicyTextRepository;
  purposes: PurposeRepository;
  auditLog: AuditLogRepository;
}

export const communityPurposesInputSchema = z.object({
  communityId: z.uuid({ error: 'invalid_id' }),
  /** The texts' language; default: the reader's, else the community's. */
  locale: localeSchema.optional(),
});

export const policyVersionsInputSchema = z.object({
  communityId: z.uuid({ error: 'invalid_id' }).nullable().default(null),
  document: policyDocumentSchema,
});

function buildVersion(
  input: { communityId: Id | null; document: PolicyDocument; bodies: Record<Locale, string> },
  version: number,
  at: Date,
  publishedBy: Id | null,
  newId: IdGenerator,
): PolicyText[] {
  return locales.map((locale) => {
    const body = normalizePolicyText(input.bodies[locale]);
    return {
      id: newId(),
      communityId: input.communityId,
      document: input.document,
      version,
      locale,
      body,
      bodyHash: policyTextHash(body),
      publishedAt: at,
      publishedBy,
    };
  });
}

/**
 * Publishes every default text that has no version yet (as version 1), and once more a
 * default Quorum itself changed (a new version) — but only while the operator never
 * published their own version of that document (every version so far is Quorum's,
 * `publishedBy` null). A changed consent text is then asked again, once (decision 027).
 * Each document is its own transaction (`inTransaction`), so a second process starting at
 * the same moment loses only the race for that document (the unique index refuses its
 * copy) and nothing else.
 */
export async function seedDefaultPolicyTexts(
  inTransaction: <T>(work: (repos: Pick<PolicyRepositories, 'policyTexts'>) => Promise<T>) => Promise<T>,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<number> {
  let published = 0;
  for (const text of defaultPolicyTexts()) {
    const due = async (repos: Pick<PolicyRepositories, 'policyTexts'>): Promise<number> => {
      const versions = await repos.policyTexts.listVersions(null, text.document);
      if (versions.length === 0) return 1;
      if (versions.some((version) => version.publishedBy !== null)) return 0;
      const latest = versions[0]!.version;
      const current = versions.filter((version) => version.version === latest);
      const unchanged = current.every((version) => version.body === normalizePolicyText(text.bodies[version.locale]));
      return unchanged ? 0 : latest + 1;
    };
    try {
      published += await inTransaction(async (repos) => {
        const version = await due(repos);
        if (version === 0) return 0;
        await repos.policyTexts.publish(buildVersion({ ...text, communityId: null }, version, deps.clock.now(), null, deps.newId));
        return 1;
      });
    } catch (error) {
      // Another process published it first: fine. Anything else is a real failure.
      if ((await inTransaction(due)) !== 0) throw error;
    }
  }
  return published;
}

/** Community texts are readable by whoever may see the community; instance texts by anyone. */
async function assertMaySee(repos: PolicyRepositories, ctx: UseCaseContext, communityId: Id | null): Promise<void> {
  if (communityId) await authorize(repos, ctx.viewer, communityId, 'see');
}

export async function currentPolicy(
  repos: PolicyRepositories,
  ctx: UseCaseContext,
  input: { communityId: Id | null; document: PolicyDocument; locale: Locale; version?: number | undefined },
): Promise<PolicyText | null> {
  await assertMaySee(repos, ctx, input.communityId);
  return input.version === undefined
    ? repos.policyTexts.findCurrent(input.communityId, input.document, input.locale)
    : repos.policyTexts.findVersion(input.communityId, input.document, input.version, input.locale);
}

export async function policyVersions(
  repos: PolicyRepositories,
  ctx: UseCaseContext,
  input: { communityId: Id | null; document: PolicyDocument },
): Promise<PolicyText[]> {
  await assertMaySee(repos, ctx, input.communityId);
  return repos.policyTexts.listVersions(input.communityId, input.document);
}

/** A consent text must belong to a consent-based purpose of the same scope. */
async function assertDocumentFits(repos: PolicyRepositories, communityId: Id | null, document: PolicyDocument): Promise<void> {
  if (!document.startsWith('consent:')) return;
  const purposeId = document.slice('consent:'.length);
  const register = communityId ? await repos.purposes.listForCommunity(communityId) : corePurposes;
  const purpose = findPurpose(register, purposeId);
  if (!purpose) throw new DomainError('PURPOSE_UNKNOWN');
  if (!isConsentBased(purpose)) throw new DomainError('CONSENT_NOT_APPLICABLE');
}

/**
 * A new version of a text, in every locale at once. For a consent text this closes the
 * gate for everyone who agreed to the old one until they answer again (the gate compares
 * versions); for the terms, members are asked on their next visit.
 */
export async function publishPolicy(
  repos: PolicyRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof publishPolicyInputSchema>,
): Promise<{ version: number }> {
  const viewer = requireViewer(ctx.viewer);
  if (input.communityId) {
    await authorize(repos, viewer, input.communityId, 'update');
  } else if (!viewer.isInstanceAdmin) {
    throw new DomainError('FORBIDDEN');
  }
  await assertDocumentFits(repos, input.communityId, input.document);
  const version = (await repos.policyTexts.latestVersion(input.communityId, input.document)) + 1;
  const now = ctx.clock.now();
  await repos.policyTexts.publish(
    buildVersion({ communityId: input.communityId, document: input.document, bodies: input.texts }, version, now, viewer.accountId, ctx.newId),
  );
  await repos.auditLog.append({
    id: ctx.newId(),
    actorId: viewer.accountId,
    subjectId: null,
    communityId: input.communityId,
    action: 'policy.published',
    reason: `${input.document} v${version}`,
    occurredAt: now,
  });
  return { version };
}


/**
 * A community extends the register with a purpose of its own: always consent-based, and
 * published together with version 1 of its consent text, so it can be agreed to at once.
 */
export async function addCommunityPurpose(
  repos: PolicyRepositories,
  ctx: UseCaseContext,
  input: CommunityPurposeInput,
): Promise<{ purpose: Purpose; texts: PolicyText[] }> {
  const viewer = requireViewer(ctx.viewer);
  await authorize(repos, viewer, input.communityId, 'update');
  // A core id would read like the instance's purpose of that name: keep them apart.
  if (findPurpose(corePurposes, input.id) || findPurpose(await repos.purposes.listForCommunity(input.communityId), input.id)) {
    throw new DomainError('CONFLICT', 'This purpose id is taken.');
  }
  const purpose: Purpose = {
    id: input.id,
    communityId: input.communityId,
    legalBasis: 'consent',
    dataCategories: input.dataCategories,
    retention: { kind: 'days', days: input.retentionDays },
    recipients: input.recipients,
    texts: input.texts,
  };
  const now = ctx.clock.now();
  await repos.purposes.add(purpose, now);
  const texts = buildVersion(
    { communityId: input.communityId, document: purposeDocument(purpose), bodies: input.consentTexts },
    1,
    now,
    viewer.accountId,
    ctx.newId,
  );
  await repos.policyTexts.publish(texts);
  await repos.auditLog.append({
    id: ctx.newId(),
    actorId: viewer.accountId,
    subjectId: null,
    communityId: input.communityId,
    action: 'purpose.added',
    reason: purpose.id,
    occurredAt: now,
  });
  return { purpose, texts };
}

/** A community's own purposes with their current consent texts, for whoever may read it. */
export async function listCommunityPurposes(
  repos: PolicyRepositories,
  ctx: UseCaseContext,
  communityId: Id,
  locale: Locale | null,
): Promise<{ purpose: Purpose; text: PolicyText }[]> {
  const { community } = await authorize(repos, ctx.viewer, communityId, 'read');
  const entries = await Promise.all(
    (await repos.purposes.listForCommunity(communityId)).map(async (purpose) => ({
      purpose,
      text: await repos.policyTexts.findCurrent(communityId, purposeDocument(purpose), locale ?? community.defaultLocale),
    })),
  );
  return entries.filter((entry): entry is { purpose: Purpose; text: PolicyText } => entry.text !== null);
}

import { z } from 'zod';
import { emailSchema, type Account } from '../accounts/account.js';
import type { AccountRepository } from '../accounts/account.port.js';
import { authorize, requireViewer, type CommunityRepositories, type UseCaseContext } from '../communities/community-use-cases.js';
import type { Membership, Role } from '../communities/membership.js';
import { directoryFilter } from '../communities/permissions.js';
import type { ProfileValueRepository } from '../communities/profile-attribute.port.js';
import type { ProfileValue } from '../communities/profile-attribute.js';
import type { PurposeRepository } from '../consent/consent.port.js';
import { corePurposes, type DataCategory, type LegalBasis, type Purpose, type Retention } from '../consent/purpose-register.js';
import type { JobRepository } from '../jobs/job.port.js';
import { queuedJob } from '../jobs/job.js';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';
import type { Locale } from '../shared/locale.js';
import { pageInputShape, pageRequest, searchSchema, toPage, type Page } from '../shared/pagination.js';
import type { SurveyResponseRepository } from '../surveys/survey.port.js';
import { accessReasonSchema, auditActions, type AuditAction, type AuditEntry } from './audit.js';
import { EXPORT_FORMAT_VERSION, type DataExport, type PersonalRow } from './data-export.js';
import { dataMap, personalTables } from './data-map.js';
import { withoutPerson } from './redaction.js';
import type { AuditListEntry, AuditLogRepository, DataExportRepository, PersonalDataRepository } from './privacy.port.js';

export interface PrivacyRepositories extends CommunityRepositories {
  accounts: AccountRepository;
  profileValues: ProfileValueRepository;
  jobs: JobRepository;
  auditLog: AuditLogRepository;
  dataExports: DataExportRepository;
  personalData: PersonalDataRepository;
  surveyResponses: SurveyResponseRepository;
}

export const EXPORT_JOB = 'export';

export const deleteAccountInputSchema = z.object({
  password: z.string({ error: 'password_required' }).min(1, { error: 'password_required' }).max(1024),
  confirm: z.literal(true, { error: 'confirm_required' }),
});
export const findAccountInputSchema = z.object({ email: emailSchema, reason: accessReasonSchema });
export const accountRequestInputSchema = z.object({ accountId: idSchema, reason: accessReasonSchema });
export const memberDetailsInputSchema = z.object({ communityId: idSchema, accountId: idSchema, reason: accessReasonSchema });
export const auditLogInputSchema = z.object({
  communityId: idSchema.nullable().default(null),
  /** Part of the name of who acted or whose data it was. */
  member: searchSchema,
  actions: z.array(z.enum(auditActions, { error: 'action_invalid' })).max(auditActions.length).default([]),
  ...pageInputShape,
});

/** Staff act on a member's data only with a reason, and it is logged. */
async function audit(
  repos: Pick<PrivacyRepositories, 'auditLog'>,
  ctx: UseCaseContext,
  entry: { actorId: Id | null; subjectId: Id | null; communityId: Id | null; action: AuditAction; reason: string },
): Promise<void> {
  await repos.auditLog.append({ id: ctx.newId(), occurredAt: ctx.clock.now(), ...entry });
}

type NameCache = Map<Id, string | null>;
async function nameOf(repos: Pick<PrivacyRepositories, 'accounts'>, cache: NameCache, id: Id | null): Promise<string | null> {
  if (!id) return null;
  if (!cache.has(id)) cache.set(id, (await repos.accounts.findById(id))?.displayName ?? null);
  return cache.get(id) ?? null;
}

export interface PrivacyCenter {
  exports: (DataExport & { progress: number })[];
  /** Staff accesses to the member's data, with the name of who acted (null once erased). */
  accesses: (AuditEntry & { actorName: string | null })[];
}

export async function privacyCenter(repos: PrivacyRepositories, accountId: Id): Promise<PrivacyCenter> {
  const exports = await Promise.all(
    (await repos.dataExports.listForAccount(accountId)).map(async (dataExport) => ({
      ...dataExport,
      progress: dataExport.status === 'ready' ? 100 : ((await repos.jobs.findById(dataExport.jobId))?.progress ?? 0),
    })),
  );
  const names: NameCache = new Map();
  const accesses = await Promise.all(
    (await repos.auditLog.listForSubject(accountId)).map(async (entry) => ({ ...entry, actorName: await nameOf(repos, names, entry.actorId) })),
  );
  return { exports, accesses };
}

/**
 * Queues the member's export: a data_exports row and the job that fills it. One at a time:
 * a second request while one is pending is refused. Staff requests are audited.
 */
export async function requestExport(
  repos: PrivacyRepositories,
  ctx: UseCaseContext,
  input: { accountId: Id; requestedBy: Id; reason: string | null },
): Promise<DataExport> {
  if (!(await repos.accounts.findById(input.accountId))) throw new DomainError('NOT_FOUND');
  if (await repos.dataExports.findPending(input.accountId)) throw new DomainError('EXPORT_IN_PROGRESS');
  const now = ctx.clock.now();
  const dataExport: DataExport = {
    id: ctx.newId(),
    accountId: input.accountId,
    requestedBy: input.requestedBy,
    jobId: ctx.newId(),
    status: 'pending',
    createdAt: now,
    readyAt: null,
    sizeBytes: null,
  };
  await repos.jobs.enqueue(
    queuedJob({ id: dataExport.jobId, kind: EXPORT_JOB, payload: { exportId: dataExport.id }, runAt: now, now, subjectAccountId: input.accountId }),
  );
  await repos.dataExports.create(dataExport);
  if (input.requestedBy !== input.accountId) {
    await audit(repos, ctx, {
      actorId: input.requestedBy,
      subjectId: input.accountId,
      communityId: null,
      action: 'member.export_requested',
      reason: input.reason ?? '',
    });
  }
  return dataExport;
}

/** The head of a member's export: who it is about and when it was made. */
export interface ExportHeader {
  formatVersion: number;
  generatedAt: string;
  account: Pick<Account, 'id' | 'email' | 'displayName' | 'locale'> & { createdAt: string };
}

/**
 * What a member's export holds (docs/export-format.md), read one table at a time so a large
 * export never sits in memory whole: the header, then for each exportable table of the data
 * map the rows that refer to the member. Pass repositories of one read snapshot, so that
 * every table is read at the same moment.
 */
export interface ExportContents extends ExportHeader {
  tables: readonly string[];
  rows(table: string): Promise<PersonalRow[]>;
}

export async function exportContents(
  repos: Pick<PrivacyRepositories, 'accounts' | 'personalData'>,
  accountId: Id,
  now: Date,
): Promise<ExportContents> {
  const account = await repos.accounts.findById(accountId);
  if (!account) throw new DomainError('NOT_FOUND');
  const tables = personalTables().filter((entry) => entry.export === 'include');
  return {
    formatVersion: EXPORT_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    account: {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      locale: account.locale,
      createdAt: account.createdAt.toISOString(),
    },
    tables: tables.map((entry) => entry.table),
    rows(table) {
      const entry = tables.find((candidate) => candidate.table === table);
      if (!entry) throw new Error(`Table ${table} is not part of the export`);
      return repos.personalData.collectTable(accountId, entry);
    },
  };
}

/**
 * Who takes over a community whose last owner is erased (decision 013): its longest-serving
 * member of the highest staff role below owner; plain members are never promoted. null:
 * no staff left — the community stays without owner and the instance admins run it.
 */
export function ownerSuccessor(members: readonly Pick<Membership, 'accountId' | 'role' | 'joinedAt'>[], leaving: Id): Id | null {
  for (const role of ['moderator', 'researcher'] as const) {
    const candidates = members.filter((member) => member.role === role && member.accountId !== leaving);
    const first = candidates.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.accountId.localeCompare(b.accountId))[0];
    if (first) return first.accountId;
  }
  return null;
}

/**
 * The rules erasure keeps (decision 013): an instance never loses its last admin (make
 * another one first: `quorum admin create`); a community losing its last owner passes to
 * a successor. The counts lock what they count, so two erasures at once cannot both pass.
 */
async function keepAdminsAndOwners(repos: PrivacyRepositories, account: Account): Promise<void> {
  if (account.isInstanceAdmin && (await repos.accounts.lockInstanceAdmins()).length <= 1) {
    throw new DomainError('LAST_ADMIN', 'The instance needs another admin before its last one is deleted.');
  }
  for (const membership of await repos.memberships.listForAccount(account.id)) {
    if (membership.role !== 'owner') continue;
    const owners = await repos.memberships.lockOwners(membership.communityId);
    // Read again once the owners are locked: a demotion that committed meanwhile means the
    // owners counted are all others — the community keeps them, nobody is promoted.
    if (owners > 1 || (await repos.memberships.find(membership.communityId, account.id))?.role !== 'owner') continue;
    const successor = ownerSuccessor(await repos.memberships.listStaff(membership.communityId), account.id);
    if (successor) await repos.memberships.setRole(membership.communityId, successor, 'owner');
  }
}

/**
 * Erases an account (Art. 17) in the caller's transaction: every row the data map names
 * is deleted, cleared or pseudonymized with a new random tombstone, and the erasure itself
 * is logged with the tombstone as its subject. Sessions go with the rows: sign-in fails.
 */
export async function eraseAccount(
  repos: PrivacyRepositories,
  ctx: UseCaseContext,
  input: { accountId: Id; actorId: Id; reason: string; tombstoneId: Id },
): Promise<void> {
  const account = await repos.accounts.findById(input.accountId);
  if (!account) throw new DomainError('NOT_FOUND');
  await keepAdminsAndOwners(repos, account);
  // From here on no request writes for the member any more: one that holds the account (an
  // answer being saved) finishes first, and its rows are found below; later ones find no account.
  await repos.accounts.lockForErasure(input.accountId);
  // Unfinished pseudonymous answers are found only through the links the erasure removes.
  await repos.surveyResponses.deleteUnfinishedPseudonymous(input.accountId);
  await repos.personalData.erase(input.accountId, input.tombstoneId, dataMap, ctx.clock.now());
  await audit(repos, ctx, {
    actorId: input.actorId === input.accountId ? input.tombstoneId : input.actorId,
    subjectId: input.tombstoneId,
    communityId: null,
    action: 'member.erased',
    // The request may name the member; the entry must not (docs/erasure-and-backups.md: when, not whom).
    reason: withoutPerson(input.reason, account),
  });
}

/** An instance admin looks up an account for a data-subject request: audited. */
export async function findAccount(
  repos: PrivacyRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof findAccountInputSchema>,
): Promise<{ id: Id; displayName: string; email: string; createdAt: Date }> {
  const viewer = requireViewer(ctx.viewer);
  if (!viewer.isInstanceAdmin) throw new DomainError('FORBIDDEN');
  const account = await repos.accounts.findByEmail(input.email);
  if (!account) throw new DomainError('NOT_FOUND');
  await audit(repos, ctx, { actorId: viewer.accountId, subjectId: account.id, communityId: null, action: 'member.details_viewed', reason: input.reason });
  return { id: account.id, displayName: account.displayName, email: account.email, createdAt: account.createdAt };
}

export interface MemberDetails {
  displayName: string;
  email: string;
  role: Role;
  joinedAt: Date;
  profile: ProfileValue[];
}

/** Staff see a member's contact and profile only with a reason; the member sees the entry. */
export async function memberDetails(
  repos: PrivacyRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof memberDetailsInputSchema>,
): Promise<MemberDetails> {
  const viewer = requireViewer(ctx.viewer);
  await authorize(repos, viewer, input.communityId, 'viewMemberDetails');
  const target = await repos.memberships.find(input.communityId, input.accountId);
  const account = target ? await repos.accounts.findById(input.accountId) : null;
  if (!target || !account) throw new DomainError('NOT_MEMBER');
  await audit(repos, ctx, {
    actorId: viewer.accountId,
    subjectId: account.id,
    communityId: input.communityId,
    action: 'member.details_viewed',
    reason: input.reason,
  });
  return {
    displayName: account.displayName,
    email: account.email,
    role: target.role,
    joinedAt: target.joinedAt,
    profile: await repos.profileValues.list(input.communityId, account.id),
  };
}

/** Instance admins see every entry; a community's owners see their community's. Newest first. */
export async function listAuditLog(
  repos: PrivacyRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof auditLogInputSchema>,
): Promise<Page<AuditListEntry>> {
  const viewer = requireViewer(ctx.viewer);
  if (input.communityId) await authorize(repos, viewer, input.communityId, 'update');
  else if (!viewer.isInstanceAdmin) throw new DomainError('FORBIDDEN');
  const actions = input.actions.length > 0 ? [...new Set(input.actions)].sort() : null;
  const scope = `audit:${input.communityId ?? '*'}:${actions?.join(',') ?? '*'}:${input.member ?? ''}`;
  const page = await repos.auditLog.listPage({ communityId: input.communityId, member: input.member, actions }, pageRequest(scope, input));
  return toPage(scope, page);
}

export interface ProcessingRecord {
  purpose: Purpose;
  legalBasis: LegalBasis;
  dataCategories: readonly DataCategory[];
  retention: Retention;
  recipients: readonly string[];
  /** The tables that hold data for this purpose (from the data map). */
  tables: string[];
}

/** Records of processing activities (GDPR Art. 30), generated from the register and the data map. */
export function recordsOfProcessing(locale: Locale, register: readonly Purpose[] = corePurposes): ProcessingRecord[] {
  return register.map((purpose) => ({
    purpose,
    legalBasis: purpose.legalBasis,
    dataCategories: purpose.dataCategories,
    retention: purpose.retention,
    recipients: purpose.recipients[locale],
    tables: personalTables()
      .filter((entry) => (entry.purposes as readonly string[]).includes(purpose.id))
      .map((entry) => entry.table),
  }));
}

export interface InstanceProcessingRecord extends ProcessingRecord {
  /** The community that added the purpose; null for the instance's own. */
  communityName: string | null;
}

/** The instance's records (admins): its register, then the purposes each community added. */
export async function instanceRecordsOfProcessing(
  repos: CommunityRepositories & { purposes: PurposeRepository },
  ctx: UseCaseContext,
  locale: Locale,
): Promise<InstanceProcessingRecord[]> {
  const viewer = requireViewer(ctx.viewer);
  if (!viewer.isInstanceAdmin) throw new DomainError('FORBIDDEN');
  const records: InstanceProcessingRecord[] = recordsOfProcessing(locale).map((record) => ({ ...record, communityName: null }));
  for (const community of await repos.communities.list(directoryFilter(viewer))) {
    const own = await repos.purposes.listForCommunity(community.id);
    records.push(...recordsOfProcessing(locale, own).map((record) => ({ ...record, communityName: community.name })));
  }
  return records;
}

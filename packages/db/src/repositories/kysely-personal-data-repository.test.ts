import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '@quorum/domain/accounts/account';
import type { Community } from '@quorum/domain/communities/community';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import { dataMap, personalTables } from '@quorum/domain/privacy/data-map';
import type { QuorumDatabase, Repositories } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import {
  aConsentEvent,
  aDataExport,
  aJob,
  anAttribute,
  anAuditEntry,
  anInvitation,
  at,
  createdAccount,
  createdCommunity,
  publishedText,
  T0,
} from '../testing/fixtures.js';
import { dumpAllValues } from '../testing/schema-catalog.js';

/**
 * A member with rows in every personal table, made through the repositories. `peer` is
 * another member whose rows point at `person` (decided by, requested by, viewed by).
 */
async function memberWithEverything(repos: Repositories, person: Account, community: Community, peer: Account, text: PolicyText) {
  const secondCommunity = await createdCommunity(repos, { visibility: 'private' });
  await repos.sessions.create({ id: randomUUID(), accountId: person.id, tokenHash: randomUUID(), createdAt: T0, lastSeenAt: at(1) });
  // A pending email change: the new address sits in the token's payload.
  await repos.tokens.create({ tokenHash: randomUUID(), purpose: 'changeEmail', accountId: person.id, payload: `new-${person.email}`, expiresAt: at(2), createdAt: T0 });
  await repos.memberships.add({ communityId: community.id, accountId: person.id, role: 'owner', joinedAt: T0 });
  const attribute = anAttribute(community.id, { type: 'text', options: [], key: `bio_${person.id.slice(0, 4)}` });
  await repos.profileAttributes.create(attribute);
  await repos.profileValues.upsert({ communityId: community.id, accountId: person.id, attributeId: attribute.id, value: `I am ${person.displayName}`, updatedAt: T0 });
  await repos.joinRequests.create({ id: randomUUID(), communityId: secondCommunity.id, accountId: person.id, message: `Hello, ${person.displayName} here`, status: 'pending', createdAt: T0, decidedAt: null, decidedBy: null });
  await repos.joinRequests.create({ id: randomUUID(), communityId: community.id, accountId: peer.id, message: 'Let me in', status: 'approved', createdAt: T0, decidedAt: at(1), decidedBy: person.id });
  await repos.invitations.create(anInvitation(community.id, { createdBy: person.id, note: 'For the beta group' }));
  const version = (await repos.policyTexts.latestVersion(community.id, 'terms')) + 1;
  await publishedText(repos, { communityId: community.id, document: 'terms', version, publishedBy: person.id });
  await repos.consentLedger.append(aConsentEvent(person.id, text, { occurredAt: T0 }));
  await repos.consentLedger.append(aConsentEvent(person.id, text, { action: 'withdraw', occurredAt: at(1) }));
  await repos.auditLog.append(anAuditEntry({ actorId: person.id, subjectId: peer.id, communityId: community.id, occurredAt: at(1) }));
  await repos.auditLog.append(anAuditEntry({ actorId: peer.id, subjectId: person.id, communityId: community.id, occurredAt: at(2) }));
  const job = aJob({ kind: 'export', subjectAccountId: person.id, payload: { accountId: person.id, email: person.email } });
  await repos.jobs.enqueue(job);
  await repos.jobs.log(job.id, 'Collecting', at(1));
  const ownExport = aDataExport(person.id, { jobId: job.id });
  await repos.dataExports.create(ownExport);
  await repos.dataExports.markReady(ownExport.id, 1234, at(1));
  // Ready, not pending: a member has at most one pending export, and the peer may have its own.
  await repos.dataExports.create(aDataExport(peer.id, { requestedBy: person.id, status: 'ready', readyAt: at(1) }));
}

const exported = personalTables().filter((entry) => entry.export === 'include');

/** Every exportable table's rows for the member, as an export reads them. */
async function collect(
  repos: Repositories,
  accountId: string,
): Promise<Record<string, Record<string, unknown>[]>> {
  const data: Record<string, Record<string, unknown>[]> = {};
  for (const entry of exported)
    data[entry.table] = await repos.personalData.collectTable(accountId, entry);
  return data;
}

describe.each(testDialects)('KyselyPersonalDataRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  let url: string;
  let text: PolicyText;
  beforeAll(async () => {
    ({ db, url } = await dialect.createWithUrl());
    text = await publishedText(db.repositories, { document: 'consent:research_surveys' });
  });
  afterAll(() => db?.close());

  it('collects every exportable row that refers to the member, JSON-friendly, without secrets', async () => {
    const community = await createdCommunity(db.repositories);
    const [person, peer] = [await createdAccount(db.repositories, { isInstanceAdmin: true }), await createdAccount(db.repositories)];
    await memberWithEverything(db.repositories, person, community, peer, text);
    await memberWithEverything(db.repositories, peer, community, await createdAccount(db.repositories), text);

    const data = await collect(db.repositories, person.id);
    expect(data.accounts).toEqual([
      { id: person.id, email: person.email, email_verified_at: null, display_name: person.displayName, locale: 'en', is_instance_admin: true, created_at: T0.toISOString() },
    ]);
    expect(data.sessions).toEqual([expect.objectContaining({ account_id: person.id, created_at: T0.toISOString(), last_seen_at: at(1).toISOString() })]);
    expect(data.sessions?.[0]).not.toHaveProperty('token_hash');
    expect(data.invitations?.[0]).not.toHaveProperty('token_hash');
    expect(data.profile_values).toEqual([
      expect.objectContaining({ account_id: person.id, value: `I am ${person.displayName}` }),
    ]);
    // Their own request whole; the one they decided on as their decision, without the applicant or their message.
    expect(data.join_requests).toHaveLength(2);
    expect(data.join_requests).toContainEqual(
      expect.objectContaining({
        account_id: person.id,
        message: `Hello, ${person.displayName} here`,
        decided_by: null,
      }),
    );
    expect(data.join_requests).toContainEqual({
      id: expect.any(String),
      community_id: community.id,
      status: 'approved',
      decided_at: at(1).toISOString(),
      decided_by: person.id,
    });
    expect(data.consent_events?.map((row) => row.action).sort()).toEqual(['grant', 'withdraw']);
    // Staff looking at their data, whole; their own look at the peer's data, without the peer or the reason.
    expect(data.audit_log).toHaveLength(2);
    expect(data.audit_log).toContainEqual(
      expect.objectContaining({
        actor_id: peer.id,
        subject_id: person.id,
        reason: expect.any(String),
      }),
    );
    expect(data.audit_log).toContainEqual({
      id: expect.any(String),
      actor_id: person.id,
      community_id: community.id,
      action: 'member.details_viewed',
      occurred_at: at(1).toISOString(),
    });
    expect(data.policy_texts).toHaveLength(1);
    expect(data.memberships).toEqual([{ community_id: community.id, account_id: person.id, role: 'owner', joined_at: T0.toISOString() }]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(await collect(db.repositories, randomUUID())).toEqual(
      Object.fromEntries(exported.map((entry) => [entry.table, []])),
    );
  });

  it('leaves nothing when the erasure’s transaction fails', async () => {
    const community = await createdCommunity(db.repositories);
    const [person, peer] = [await createdAccount(db.repositories), await createdAccount(db.repositories)];
    await memberWithEverything(db.repositories, person, community, peer, text);
    const before = await collect(db.repositories, person.id);
    await expect(
      db.unitOfWork.transaction(async (repos) => {
        await repos.personalData.erase(person.id, randomUUID(), dataMap, at(5));
        throw new Error('the mail could not be queued');
      }),
    ).rejects.toThrow('the mail could not be queued');
    expect(await collect(db.repositories, person.id)).toEqual(before);
    expect(await db.kysely.selectFrom('erasure_markers').selectAll().execute()).toEqual([]);
  });

  it('erases a member: no trace of email, name or id in any column of any table, nor in the file', async () => {
    const community = await createdCommunity(db.repositories);
    const [person, peer, bystander] = [await createdAccount(db.repositories), await createdAccount(db.repositories), await createdAccount(db.repositories)];
    await memberWithEverything(db.repositories, person, community, peer, text);
    await memberWithEverything(
      db.repositories,
      bystander,
      await createdCommunity(db.repositories),
      await createdAccount(db.repositories),
      text,
    );
    const bystanderBefore = await collect(db.repositories, bystander.id);
    const consentBefore = await db.repositories.consentLedger.listForAccount(person.id);
    const peerExport = (await db.repositories.dataExports.listForAccount(peer.id))[0]!;

    const tombstone = randomUUID();
    await db.unitOfWork.transaction((repos) => repos.personalData.erase(person.id, tombstone, dataMap, at(10)));

    // Searched as the database renders every value as text (PostgreSQL: every column cast to text).
    const needles = [person.email, person.displayName, person.id];
    const traces = (await dumpAllValues(db)).filter(({ value }) => needles.some((needle) => (typeof value === 'string' ? value.includes(needle) : value.includes(needle))));
    expect(traces).toEqual([]);

    if (dialect.name === 'sqlite') {
      const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
      expect(rows[0]?.busy).toBe(0);
      const file = url.replace(/^sqlite:/, '');
      for (const path of [file, `${file}-wal`]) {
        if (!existsSync(path)) continue;
        const bytes = readFileSync(path);
        for (const needle of needles) expect(bytes.includes(Buffer.from(needle)), `${needle} in ${path}`).toBe(false);
      }
      // The scan itself is real: the bystander's data is in the file.
      expect(readFileSync(file).includes(Buffer.from(bystander.email))).toBe(true);
    }

    // The proof of consent survives under the tombstone; the marker is gone.
    expect(await db.repositories.consentLedger.listForAccount(tombstone)).toEqual(consentBefore.map((event) => ({ ...event, accountId: tombstone })));
    expect(await db.kysely.selectFrom('erasure_tombstones').selectAll().where('tombstone_id', '=', tombstone).execute()).toHaveLength(1);
    expect(await db.kysely.selectFrom('erasure_markers').selectAll().execute()).toEqual([]);
    // Staff accesses stay, pseudonymous; references by others are cleared, their rows kept.
    expect((await db.repositories.auditLog.listForSubject(tombstone)).map((entry) => entry.actorId)).toEqual([peer.id]);
    expect((await db.repositories.auditLog.listForSubject(peer.id)).map((entry) => entry.actorId)).toContain(tombstone);
    expect(await db.repositories.dataExports.findById(peerExport.id)).toEqual({ ...peerExport, requestedBy: null });
    const peerRequests = await db.kysely.selectFrom('join_requests').select(['decided_by', 'status']).where('account_id', '=', peer.id).execute();
    expect(peerRequests).toContainEqual({ decided_by: null, status: 'approved' });
    expect(await db.repositories.accounts.findById(person.id)).toBeNull();
    expect(await db.repositories.accounts.findById(peer.id)).not.toBeNull();
    // Everyone else's data is untouched.
    expect(await collect(db.repositories, bystander.id)).toEqual(bystanderBefore);
    expect(await db.repositories.dataExports.listForAccount(bystander.id)).toHaveLength(1);
  });

  it('cannot be replayed for the same tombstone or while another erasure of the member runs', async () => {
    const person = await createdAccount(db.repositories);
    const tombstone = randomUUID();
    await db.repositories.personalData.erase(person.id, tombstone, dataMap, at(1));
    await expect(db.repositories.personalData.erase(randomUUID(), tombstone, dataMap, at(2))).rejects.toThrow();
  });
});

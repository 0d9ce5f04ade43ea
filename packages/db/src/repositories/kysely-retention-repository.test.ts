import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPolicy } from '@quorum/domain/accounts/session-policy';
import { dataMap } from '@quorum/domain/privacy/data-map';
import type { RetentionRuleId } from '@quorum/domain/privacy/retention';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { aConsentEvent, aDataExport, aJob, anAuditEntry, anInvitation, at, createdAccount, createdCommunity, publishedText, T0 } from '../testing/fixtures.js';

const CUTOFF = at(100);
const MS = 1;
const iso = (date: Date) => date.toISOString();

/**
 * Per rule: rows just before the cutoff (due) and just after it (kept), then the rule
 * applied twice. `seed` returns the ids that must go and the ids that must stay.
 */
describe.each(testDialects)('KyselyRetentionRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function expectRule(rule: RetentionRuleId, table: 'sessions' | 'one_time_tokens' | 'invitations' | 'join_requests' | 'data_exports' | 'jobs' | 'audit_log' | 'consent_events', key: 'id' | 'token_hash', due: string[], kept: string[]) {
    const present = async (ids: string[]) =>
      ids.length === 0 ? [] : (await db.kysely.selectFrom(table).select(key).where(key, 'in', ids).execute()).map((row) => (row as Record<string, string>)[key]);
    expect((await present(due)).length).toBe(due.length);
    expect(await db.repositories.retention.apply(rule, CUTOFF)).toBe(due.length);
    expect(await present(due)).toEqual([]);
    expect((await present(kept)).sort()).toEqual([...kept].sort());
    expect(await db.repositories.retention.apply(rule, CUTOFF)).toBe(0);
    expect((await present(kept)).sort()).toEqual([...kept].sort());
  }

  it('sessions_expired: idle or past their absolute lifetime at the cutoff (sessionPolicy)', async () => {
    const member = await createdAccount(db.repositories);
    const session = async (createdAt: Date, lastSeenAt: Date) => {
      const id = randomUUID();
      await db.repositories.sessions.create({ id, accountId: member.id, tokenHash: randomUUID(), createdAt, lastSeenAt });
      return id;
    };
    const idleLimit = new Date(CUTOFF.getTime() - sessionPolicy.idleTimeoutMs);
    const absoluteLimit = new Date(CUTOFF.getTime() - sessionPolicy.absoluteTimeoutMs);
    const due = [await session(idleLimit, idleLimit), await session(absoluteLimit, at(99))];
    const kept = [await session(new Date(idleLimit.getTime() + MS), new Date(idleLimit.getTime() + MS)), await session(new Date(absoluteLimit.getTime() + MS), at(99))];
    await expectRule('sessions_expired', 'sessions', 'id', due, kept);
  });

  it('tokens_expired: links that expired before the cutoff', async () => {
    const member = await createdAccount(db.repositories);
    const token = async (expiresAt: Date) => {
      const tokenHash = randomUUID();
      await db.repositories.tokens.create({ tokenHash, purpose: 'verifyEmail', accountId: member.id, payload: null, expiresAt, createdAt: T0 });
      return tokenHash;
    };
    await expectRule('tokens_expired', 'one_time_tokens', 'token_hash', [await token(new Date(CUTOFF.getTime() - MS))], [await token(CUTOFF), await token(at(101))]);
  });

  it('invitations_ended: expired or revoked before the cutoff', async () => {
    const community = await createdCommunity(db.repositories);
    const invitation = async (expiresAt: Date, revokedAt: Date | null) => {
      const created = anInvitation(community.id, { expiresAt, revokedAt });
      await db.repositories.invitations.create(created);
      return created.id;
    };
    await expectRule(
      'invitations_ended',
      'invitations',
      'id',
      [await invitation(at(99), null), await invitation(at(200), at(99))],
      [await invitation(at(101), null), await invitation(at(200), at(101)), await invitation(at(200), null)],
    );
  });

  it('join_requests_decided: decided before the cutoff; pending ones stay', async () => {
    const community = await createdCommunity(db.repositories);
    const request = async (decidedAt: Date | null) => {
      const id = randomUUID();
      const account = await createdAccount(db.repositories);
      await db.kysely
        .insertInto('join_requests')
        .values({ id, community_id: community.id, account_id: account.id, message: 'Hallo', status: decidedAt ? 'rejected' : 'pending', created_at: iso(T0), decided_at: decidedAt && iso(decidedAt), decided_by: null })
        .execute();
      return id;
    };
    await expectRule('join_requests_decided', 'join_requests', 'id', [await request(at(99))], [await request(at(101)), await request(null)]);
  });

  it('exports_expired: created before the cutoff', async () => {
    const member = await createdAccount(db.repositories);
    const dataExport = async (createdAt: Date) => {
      const created = aDataExport(member.id, { createdAt, status: 'ready', readyAt: createdAt });
      await db.repositories.dataExports.create(created);
      return created.id;
    };
    await expectRule('exports_expired', 'data_exports', 'id', [await dataExport(at(99))], [await dataExport(at(101))]);
  });

  it('jobs_finished: finished before the cutoff, with their log; unfinished ones stay', async () => {
    const job = async (finishedAt: Date | null) => {
      const created = aJob({ status: finishedAt ? 'succeeded' : 'queued', finishedAt, createdAt: at(1) });
      await db.repositories.jobs.enqueue(created);
      await db.repositories.jobs.log(created.id, 'line', at(1));
      return created.id;
    };
    const due = [await job(at(99))];
    await expectRule('jobs_finished', 'jobs', 'id', due, [await job(at(101)), await job(null)]);
    expect(await db.repositories.jobs.listLog(due[0]!)).toEqual([]);
  });

  it('audit_log: entries older than the cutoff', async () => {
    const entry = async (occurredAt: Date) => {
      const created = anAuditEntry({ occurredAt });
      await db.repositories.auditLog.append(created);
      return created.id;
    };
    await expectRule('audit_log', 'audit_log', 'id', [await entry(at(99))], [await entry(at(101))]);
  });

  it('consent_tombstones: events of members erased before the cutoff; living members’ events stay', async () => {
    const text = await publishedText(db.repositories, { document: 'consent:research_surveys' });
    // Events are written for living members only; erasure then puts the tombstone in their place.
    const erasedWithEvents = async (erasedAt: Date, count: number) => {
      const member = await createdAccount(db.repositories);
      const ids = [];
      for (let i = 0; i < count; i++) ids.push(await event(member.id));
      await db.repositories.personalData.erase(member.id, randomUUID(), dataMap, erasedAt);
      return ids;
    };
    const event = async (accountId: string) => {
      const created = aConsentEvent(accountId, text, { occurredAt: T0 });
      await db.repositories.consentLedger.append(created);
      return created.id;
    };
    const old = await erasedWithEvents(at(99), 2);
    const recent = await erasedWithEvents(at(101), 1);
    const living = await createdAccount(db.repositories);
    await expectRule('consent_tombstones', 'consent_events', 'id', old, [...recent, await event(living.id)]);
  });
});

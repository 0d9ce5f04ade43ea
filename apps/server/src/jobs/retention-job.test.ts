import { randomUUID } from 'node:crypto';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionPolicy } from '@quorum/domain/accounts/session-policy';
import { DAY, MINUTE } from '@quorum/domain/shared/clock';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { createAppJobRunner } from './app-jobs.js';
import { workerDiesOn } from '../testing/dying-worker.js';
import { applyRetention, nextRetentionRun, RETENTION_JOB, retentionJobId, scheduleRetention } from './retention-job.js';

describe.each(testDialects)('retention on $name', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create(), { env: { COMMUNITY_CREATION: 'everyone' } });
  });
  afterEach(() => app.close());

  const clock = () => app.services.clock;
  const count = async (table: 'sessions' | 'one_time_tokens' | 'invitations' | 'join_requests' | 'data_exports' | 'jobs' | 'audit_log' | 'consent_events') =>
    Number((await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const retention = async () => {
    const deleted = await applyRetention(app.db, clock());
    // Applying the rules again at the same moment finds nothing more.
    expect(Object.values(await applyRetention(app.db, clock())).every((n) => n === 0)).toBe(true);
    return Object.fromEntries(Object.entries(deleted).filter(([, n]) => n > 0));
  };

  it('deletes each category only once its period is over, idempotently', async () => {
    const owner = await app.signedUp('owner@example.org');
    const community = await owner.api.communities.create({ slug: 'quiet', name: 'Quiet', visibility: 'private', defaultLocale: 'en' });
    await owner.api.invitations.create({ communityId: community.id, role: 'member', expiresInDays: 7, maxUses: 1, note: '' });
    const asker = await app.signedUp('asker@example.org');
    await asker.api.communities.requestToJoin({ communityId: community.id, message: 'Hi' });
    const { items: [request] } = await owner.api.communities.joinRequests({ communityId: community.id });
    await owner.api.communities.decideJoinRequest({ requestId: request!.id, approve: false });
    await asker.api.privacy.requestExport();
    await createAppJobRunner(app.services).runUntilIdle();
    const leaver = await app.signedUp('leaver@example.org');
    await leaver.api.privacy.deleteAccount({ password: 'correct horse battery staple', confirm: true });

    expect(await retention()).toEqual({});
    expect(await count('sessions')).toBe(2);

    // Day 6: the verification links (2 days) are over; sessions idle longer than 14 days are not yet.
    clock().advance(6 * DAY);
    expect(await retention()).toEqual({ tokens_expired: 2 });
    // Day 8: the export (7 days) is gone; the invitation expired yesterday, kept 30 more days.
    clock().advance(2 * DAY);
    expect(await retention()).toEqual({ exports_expired: 1 });
    // Idle past the session timeout.
    clock().advance(sessionPolicy.idleTimeoutMs - 8 * DAY + MINUTE);
    expect(await retention()).toEqual({ sessions_expired: 2 });
    // Day 38: the finished export job (30 days) and the ended invitation (7 + 30 days).
    clock().set(new Date(new Date('2026-03-02T09:00:00.000Z').getTime() + 38 * DAY));
    expect(await retention()).toEqual({ jobs_finished: 1, invitations_ended: 1 });
    // Day 91: the decided join request (90 days).
    clock().advance(53 * DAY);
    expect(await retention()).toEqual({ join_requests_decided: 1 });
    // Day 181: the browsers the two members signed up with, unused for 180 days.
    clock().advance(90 * DAY);
    expect(await retention()).toEqual({ known_devices_unused: 2 });
    // After three years: the audit entry of the erasure and the erased member's pseudonymous consent proof.
    expect(await count('consent_events')).toBe(3);
    clock().advance(3 * 365 * DAY);
    expect(await retention()).toEqual({ audit_log: 1, consent_tombstones: 1 });
    expect(await count('consent_events')).toBe(2); // the living members' proof stays
    for (const table of ['sessions', 'one_time_tokens', 'invitations', 'join_requests', 'data_exports', 'jobs', 'audit_log'] as const) {
      expect(await count(table), table).toBe(0);
    }
  });

  it('runs as a daily job that queues the next day once, however often it is scheduled', async () => {
    const now = clock().now();
    await Promise.all([scheduleRetention(app.db, clock(), now), scheduleRetention(app.db, clock(), now)]);
    expect(await app.db.repositories.jobs.findById(retentionJobId(now))).toMatchObject({ kind: RETENTION_JOB, status: 'queued' });
    expect(await createAppJobRunner(app.services).runUntilIdle()).toBe(1);
    expect(await app.db.repositories.jobs.findById(retentionJobId(now))).toMatchObject({ status: 'succeeded' });
    const tomorrow = nextRetentionRun(now);
    expect(tomorrow.toISOString()).toBe('2026-03-03T03:00:00.000Z');
    expect(await app.db.repositories.jobs.findById(retentionJobId(tomorrow))).toMatchObject({ status: 'queued', runAt: tomorrow });
    const log = (await app.db.repositories.jobs.listLog(retentionJobId(now))).map((line) => line.message).join('\n');
    expect(log).toContain('deleted sessions_expired=0');
  });

  it('queues tomorrow’s run however today’s ends: thrown on every attempt, or its worker died', async () => {
    const now = clock().now();
    const tomorrow = nextRetentionRun(now);
    await scheduleRetention(app.db, clock(), now);
    // Every attempt's worker dies (the lease runs out without an answer).
    await workerDiesOn(app.db, clock(), RETENTION_JOB, 5);
    expect(await app.db.repositories.jobs.findById(retentionJobId(tomorrow))).toBeNull();
    expect(await createAppJobRunner(app.services).runUntilIdle()).toBe(1);
    expect(await app.db.repositories.jobs.findById(retentionJobId(now))).toMatchObject({
      status: 'failed',
    });
    expect(await app.db.repositories.jobs.findById(retentionJobId(tomorrow))).toMatchObject({
      status: 'queued',
      runAt: tomorrow,
    });

    // A run that throws has queued the next day's before it failed.
    const dayAfter = nextRetentionRun(tomorrow);
    clock().set(tomorrow);
    await app.db.kysely.schema.dropTable('audit_log').execute();
    expect(await createAppJobRunner(app.services).runUntilIdle()).toBe(1);
    expect(await app.db.repositories.jobs.findById(retentionJobId(tomorrow))).toMatchObject({
      status: 'queued',
      attempts: 1,
    });
    expect(await app.db.repositories.jobs.findById(retentionJobId(dayAfter))).toMatchObject({
      status: 'queued',
      runAt: dayAfter,
    });
  });

  it('removes export files whose rows went, and pieces of writes that never finished', async () => {
    const member = await app.signedUp('files@example.org');
    const kept = await member.api.privacy.requestExport();
    await createAppJobRunner(app.services).runUntilIdle();
    const dir = path.join(app.services.env.dataDir, 'files', 'exports');
    const orphan = path.join(dir, `${randomUUID()}.zip`);
    const unfinished = path.join(dir, `${randomUUID()}.zip.partial-0123456789abcdef`);
    writeFileSync(orphan, 'an export whose row an older erasure removed');
    writeFileSync(unfinished, 'half');
    utimesSync(
      unfinished,
      new Date(clock().now().getTime() - 2 * DAY),
      new Date(clock().now().getTime() - 2 * DAY),
    );
    await scheduleRetention(app.db, clock(), clock().now());
    await createAppJobRunner(app.services).runUntilIdle();
    expect(readdirSync(dir)).toEqual([`${kept.id}.zip`]);
    // Eight days on, the export's row expires, and its file goes with it.
    clock().advance(8 * DAY);
    await scheduleRetention(app.db, clock(), clock().now());
    await createAppJobRunner(app.services).runUntilIdle();
    expect(readdirSync(dir)).toEqual([]);
  });
});

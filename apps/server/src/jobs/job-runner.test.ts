import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { connectDatabase, type QuorumDatabase } from '@quorum/db/connect';
import { queuedJob } from '@quorum/domain/jobs/job';
import { fixedClock, MINUTE } from '@quorum/domain/shared/clock';
import { testDialects } from '@quorum/db/testing';
import { newId } from '../ids.js';
import { createJobRunner, type JobHandler } from './job-runner.js';
import { workerDiesOn } from '../testing/dying-worker.js';

const logger = pino({ level: 'silent' });

describe.each(testDialects)('job runner on $name', (dialect) => {
  let db: QuorumDatabase;
  let url: string;
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  beforeEach(async () => {
    ({ db, url } = await dialect.createWithUrl());
    clock.set('2026-03-02T09:00:00.000Z');
  });
  afterEach(() => db.close());

  const enqueue = async (kind: string, payload: Record<string, unknown> = {}, maxAttempts = 3) => {
    const job = queuedJob({ id: newId(), kind, payload, runAt: clock.now(), now: clock.now(), maxAttempts });
    await db.repositories.jobs.enqueue(job);
    return job.id;
  };

  it('runs every job exactly once with two runners racing for them', async () => {
    // PostgreSQL: a second connection, as another process would have. SQLite serves one
    // process (better-sqlite3 blocks the event loop while it waits for a lock), so there
    // the two runners share its connection.
    const second = dialect.name === 'postgres' ? await connectDatabase({ url }) : db;
    try {
      const runs: string[] = [];
      const handler: JobHandler = {
        async run({ job, progress }) {
          runs.push(job.id);
          await sleep(5);
          await progress(50);
        },
      };
      const ids = [];
      for (let i = 0; i < 8; i++) ids.push(await enqueue('count'));
      const one = createJobRunner({ db, clock, logger, handlers: { count: handler }, owner: 'runner-one' });
      const two = createJobRunner({ db: second, clock, logger, handlers: { count: handler }, owner: 'runner-two' });
      const [ranByOne, ranByTwo] = await Promise.all([one.runUntilIdle(), two.runUntilIdle()]);
      expect(ranByOne + ranByTwo).toBe(8);
      expect(runs.sort()).toEqual([...ids].sort());
      for (const id of ids) expect(await db.repositories.jobs.findById(id)).toMatchObject({ status: 'succeeded', progress: 100, attempts: 1 });
    } finally {
      if (second !== db) await second.close();
    }
  });

  it('retries a failing job with backoff, logs each attempt, and gives up after the last', async () => {
    let attempts = 0;
    const gaveUp: string[] = [];
    // Time moves a little with every reading, so the log lines have an order.
    const ticking = { now: () => (clock.advance(1), clock.now()) };
    const runner = createJobRunner({
      db,
      clock: ticking,
      logger,
      owner: 'retrying',
      handlers: {
        flaky: {
          run: () => {
            attempts++;
            return Promise.reject(new Error(`boom ${attempts}`));
          },
          gaveUp: (job, error) => {
            gaveUp.push(`${job.id}:${error}`);
            return Promise.resolve();
          },
        },
      },
    });
    const id = await enqueue('flaky', {}, 2);
    expect(await runner.runOnce()).toBe(true);
    expect(await db.repositories.jobs.findById(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1' });
    expect(await runner.runOnce()).toBe(false); // not due before the backoff
    clock.advance(MINUTE);
    expect(await runner.runOnce()).toBe(true);
    expect(await db.repositories.jobs.findById(id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'boom 2' });
    expect(gaveUp).toEqual([`${id}:boom 2`]);
    const log = (await db.repositories.jobs.listLog(id)).map((line) => line.message);
    expect(log).toEqual([
      'attempt 1 started by retrying',
      expect.stringMatching(/^failed: boom 1; retry at /),
      'attempt 2 started by retrying',
      'failed: boom 2; giving up',
    ]);
  });

  it('fails a job whose worker died on its last attempt through the failure handler, once', async () => {
    const ran: string[] = [];
    const gaveUp: string[] = [];
    const runner = createJobRunner({
      db,
      clock,
      logger,
      owner: 'next',
      handlers: {
        fragile: {
          run: ({ job }) => Promise.resolve(void ran.push(job.id)),
          gaveUp: (job, error) => Promise.resolve(void gaveUp.push(`${job.id}:${error}`)),
        },
      },
    });
    const id = await enqueue('fragile', {}, 2);
    await workerDiesOn(db, clock, 'fragile', 2);
    expect(await runner.runOnce()).toBe(true);
    expect(ran).toEqual([]);
    expect(gaveUp).toEqual([`${id}:Lease expired on the last attempt.`]);
    expect(await db.repositories.jobs.findById(id)).toMatchObject({
      status: 'failed',
      lastError: 'Lease expired on the last attempt.',
      leaseOwner: null,
    });
    expect((await db.repositories.jobs.listLog(id)).at(-1)?.message).toBe(
      'failed: Lease expired on the last attempt.; giving up',
    );
    expect(await runner.runOnce()).toBe(false);
    expect(gaveUp).toHaveLength(1);
  });

  it('takes a given-up job up again while its failure handler throws, until the handler succeeds', async () => {
    let calls = 0;
    const runner = createJobRunner({
      db,
      clock,
      logger,
      owner: 'next',
      leaseMs: MINUTE,
      handlers: {
        doomed: {
          run: () => Promise.reject(new Error('always')),
          gaveUp: () =>
            ++calls === 1 ? Promise.reject(new Error('database busy')) : Promise.resolve(),
        },
      },
    });
    const id = await enqueue('doomed', {}, 1);
    await expect(runner.runOnce()).rejects.toThrow('database busy');
    expect(await db.repositories.jobs.findById(id)).toMatchObject({ status: 'running' });
    clock.advance(2 * MINUTE); // its lease runs out
    expect(await runner.runOnce()).toBe(true);
    expect(calls).toBe(2);
    expect(await db.repositories.jobs.findById(id)).toMatchObject({ status: 'failed' });
  });

  it('lets another runner take over a job whose lease ran out; the first one changes nothing after', async () => {
    const id = await enqueue('slow');
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      const first = createJobRunner({
        db,
        clock,
        logger,
        owner: 'crashing',
        leaseMs: MINUTE,
        handlers: {
          slow: {
            async run({ progress }) {
              resolve();
              await new Promise<void>((done) => (release = done));
              await progress(99); // too late: the lease is gone
            },
          },
        },
      });
      void first.runOnce();
    });
    await started;
    clock.advance(2 * MINUTE); // the first runner "hangs" past its lease
    const takeover = createJobRunner({ db, clock, logger, owner: 'rescuer', handlers: { slow: { run: () => Promise.resolve() } } });
    expect(await takeover.runOnce()).toBe(true);
    release();
    await sleep(50);
    expect(await db.repositories.jobs.findById(id)).toMatchObject({ status: 'succeeded', attempts: 2, leaseOwner: null });
  });

  it('polls in the background and stops cleanly', async () => {
    const done: string[] = [];
    const runner = createJobRunner({
      db,
      clock,
      logger,
      pollMs: 10,
      handlers: { note: { run: ({ job }) => Promise.resolve(void done.push(job.id)) } },
    });
    runner.start();
    const id = await enqueue('note');
    for (let i = 0; i < 200 && done.length === 0; i++) await sleep(10);
    await runner.stop();
    expect(done).toEqual([id]);
  });
});

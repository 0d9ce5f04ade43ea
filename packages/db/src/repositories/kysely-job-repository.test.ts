import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { raceProcesses } from '../testing/race-processes.js';
import { aJob, createdAccount, T0 } from '../testing/fixtures.js';

const MIN = 60_000;
const plus = (ms: number) => new Date(T0.getTime() + ms);

const workerScript = fileURLToPath(new URL('../testing/claim-worker.ts', import.meta.url));

/** Starts claim workers as separate processes, lets them race, and returns what each claimed. */
async function raceWorkers(url: string, kind: string, count: number): Promise<string[][]> {
  const argumentLists = Array.from({ length: count }, (_, i) => [url, kind, `process-${i}`, T0.toISOString()]);
  return (await raceProcesses(workerScript, argumentLists)).map((line) => JSON.parse(line) as string[]);
}

describe.each(testDialects)('KyselyJobRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  let url: string;
  beforeAll(async () => {
    ({ db, url } = await dialect.createWithUrl());
  });
  afterAll(() => db?.close());

  /** Each test uses its own kind, so jobs of other tests are never claimed. */
  const kindOf = () => `test-${Math.random().toString(36).slice(2)}`;

  it('enqueues and finds a job with its payload', async () => {
    const member = await createdAccount(db.repositories);
    const job = aJob({ kind: kindOf(), payload: { exportId: 'e1', nested: { list: [1, 'zwei'] } }, subjectAccountId: member.id });
    await db.repositories.jobs.enqueue(job);
    expect(await db.repositories.jobs.findById(job.id)).toEqual(job);
    expect(await db.repositories.jobs.findActive(job.kind, member.id)).toEqual(job);
    expect(await db.repositories.jobs.findActive('other-kind', member.id)).toBeNull();
  });

  it('claims a due job: running, leased, attempt counted; not-yet-due and other kinds stay', async () => {
    const kind = kindOf();
    const due = aJob({ kind, runAt: plus(-MIN) });
    const later = aJob({ kind, runAt: plus(MIN) });
    await db.repositories.jobs.enqueue(later);
    await db.repositories.jobs.enqueue(due);
    expect(await db.repositories.jobs.claimNext('w1', T0, plus(2 * MIN), ['unrelated'])).toBeNull();
    expect(await db.repositories.jobs.claimNext('w1', T0, plus(2 * MIN), [])).toBeNull();
    const claimed = await db.repositories.jobs.claimNext('w1', T0, plus(2 * MIN), [kind]);
    expect(claimed).toEqual({ ...due, status: 'running', leaseOwner: 'w1', leaseExpiresAt: plus(2 * MIN), attempts: 1 });
    expect(await db.repositories.jobs.claimNext('w2', T0, plus(2 * MIN), [kind])).toBeNull();
    expect((await db.repositories.jobs.findById(later.id))?.status).toBe('queued');
    expect((await db.repositories.jobs.claimNext('w2', plus(MIN), plus(3 * MIN), [kind]))?.id).toBe(later.id);
  });

  it('gives one due job to exactly one of two concurrent claims', async () => {
    const kind = kindOf();
    const job = aJob({ kind });
    await db.repositories.jobs.enqueue(job);
    const results = await Promise.all([
      db.repositories.jobs.claimNext('w1', T0, plus(MIN), [kind]),
      db.repositories.jobs.claimNext('w2', T0, plus(MIN), [kind]),
    ]);
    expect(results.filter((result) => result !== null).map((result) => result.id)).toEqual([job.id]);
    expect((await db.repositories.jobs.findById(job.id))?.attempts).toBe(1);
  });

  it('hands out jobs to worker processes racing on one database, each job exactly once', async () => {
    const kind = kindOf();
    const jobs = Array.from({ length: 8 }, (_, i) => aJob({ kind, runAt: plus(-i * 1000) }));
    for (const job of jobs) await db.repositories.jobs.enqueue(job);
    const claimed = await raceWorkers(url, kind, 2);
    expect(claimed.flat().sort()).toEqual(jobs.map((job) => job.id).sort());
    for (const job of jobs) expect((await db.repositories.jobs.findById(job.id))?.attempts).toBe(1);
  }, 30_000);

  it('reclaims a running job whose lease expired, counting the attempt; a live lease is kept', async () => {
    const kind = kindOf();
    const job = aJob({ kind });
    await db.repositories.jobs.enqueue(job);
    await db.repositories.jobs.claimNext('crashed', T0, plus(MIN), [kind]);
    expect(await db.repositories.jobs.claimNext('w2', plus(MIN - 1), plus(3 * MIN), [kind])).toBeNull();
    const reclaimed = await db.repositories.jobs.claimNext('w2', plus(MIN), plus(3 * MIN), [kind]);
    expect(reclaimed).toMatchObject({ id: job.id, leaseOwner: 'w2', attempts: 2, status: 'running' });
    // The crashed worker lost its lease: it can no longer report or finish.
    expect(await db.repositories.jobs.heartbeat(job.id, 'crashed', 50, plus(5 * MIN))).toBe(false);
    await db.repositories.jobs.succeed(job.id, 'crashed', plus(2 * MIN));
    expect((await db.repositories.jobs.findById(job.id))?.status).toBe('running');
  });

  it('hands a job whose lease expired on its last attempt to a worker with its attempts past the limit (to fail it)', async () => {
    const kind = kindOf();
    const job = aJob({ kind, maxAttempts: 1 });
    await db.repositories.jobs.enqueue(job);
    await db.repositories.jobs.claimNext('crashed', T0, plus(MIN), [kind]);
    const claimed = await db.repositories.jobs.claimNext('w2', plus(2 * MIN), plus(3 * MIN), [
      kind,
    ]);
    expect(claimed).toMatchObject({
      id: job.id,
      status: 'running',
      attempts: 2,
      maxAttempts: 1,
      leaseOwner: 'w2',
    });
    await db.repositories.jobs.fail(
      job.id,
      'w2',
      'Lease expired on the last attempt.',
      null,
      plus(2 * MIN),
    );
    expect(await db.repositories.jobs.findById(job.id)).toMatchObject({
      status: 'failed',
      finishedAt: plus(2 * MIN),
      leaseOwner: null,
    });
  });

  it('renews the lease with progress, and succeeds', async () => {
    const kind = kindOf();
    const job = aJob({ kind });
    await db.repositories.jobs.enqueue(job);
    await db.repositories.jobs.claimNext('w1', T0, plus(MIN), [kind]);
    expect(await db.repositories.jobs.heartbeat(job.id, 'w1', 42, plus(5 * MIN))).toBe(true);
    // Renewed: at the old expiry nobody else may take it.
    expect(await db.repositories.jobs.claimNext('w2', plus(2 * MIN), plus(3 * MIN), [kind])).toBeNull();
    expect(await db.repositories.jobs.findById(job.id)).toMatchObject({ progress: 42, leaseExpiresAt: plus(5 * MIN) });
    await db.repositories.jobs.succeed(job.id, 'w1', plus(3 * MIN));
    expect(await db.repositories.jobs.findById(job.id)).toMatchObject({
      status: 'succeeded',
      progress: 100,
      finishedAt: plus(3 * MIN),
      leaseOwner: null,
      leaseExpiresAt: null,
    });
    expect(await db.repositories.jobs.heartbeat(job.id, 'w1', 50, plus(9 * MIN))).toBe(false);
  });

  it('fails into a retry later, then for good; findActive sees only queued or running jobs', async () => {
    const member = await createdAccount(db.repositories);
    const kind = kindOf();
    const job = aJob({ kind, subjectAccountId: member.id, maxAttempts: 2 });
    await db.repositories.jobs.enqueue(job);
    await db.repositories.jobs.claimNext('w1', T0, plus(MIN), [kind]);
    await db.repositories.jobs.fail(job.id, 'w1', 'disk full', plus(10 * MIN), plus(MIN / 2));
    expect(await db.repositories.jobs.findById(job.id)).toMatchObject({ status: 'queued', runAt: plus(10 * MIN), lastError: 'disk full', leaseOwner: null });
    expect((await db.repositories.jobs.findActive(kind, member.id))?.id).toBe(job.id);
    expect(await db.repositories.jobs.claimNext('w1', plus(9 * MIN), plus(11 * MIN), [kind])).toBeNull();
    expect(await db.repositories.jobs.claimNext('w1', plus(10 * MIN), plus(12 * MIN), [kind])).toMatchObject({ attempts: 2 });
    await db.repositories.jobs.fail(job.id, 'w1', 'still full', null, plus(11 * MIN));
    expect(await db.repositories.jobs.findById(job.id)).toMatchObject({ status: 'failed', finishedAt: plus(11 * MIN), lastError: 'still full' });
    expect(await db.repositories.jobs.findActive(kind, member.id)).toBeNull();
  });

  it('claims any kind when no kinds are given', async () => {
    const job = aJob({ kind: kindOf(), runAt: new Date('2000-01-01T00:00:00Z') });
    await db.repositories.jobs.enqueue(job);
    expect((await db.repositories.jobs.claimNext('w1', T0, plus(MIN)))?.id).toBe(job.id);
  });

  it('keeps a log per job in time order, removed with the job', async () => {
    const job = aJob({ kind: kindOf() });
    await db.repositories.jobs.enqueue(job);
    await db.repositories.jobs.log(job.id, 'second', plus(2000));
    await db.repositories.jobs.log(job.id, 'first', plus(1000));
    expect(await db.repositories.jobs.listLog(job.id)).toEqual([
      { message: 'first', at: plus(1000) },
      { message: 'second', at: plus(2000) },
    ]);
    await db.kysely.deleteFrom('jobs').where('id', '=', job.id).execute();
    expect(await db.repositories.jobs.listLog(job.id)).toEqual([]);
  });
});

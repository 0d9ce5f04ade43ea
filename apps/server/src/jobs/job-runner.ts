import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { QuorumDatabase } from '@quorum/db/connect';
import { afterFailure, JOB_LEASE_MS, lastAttemptLost, type Job } from '@quorum/domain/jobs/job';
import type { Clock } from '@quorum/domain/shared/clock';
import type { Logger } from '../logger.js';

export interface JobContext {
  job: Job;
  /** Reports progress (0–100) and renews the lease; throws when the lease was lost. */
  progress(percent: number): Promise<void>;
  /** A line in the job's log (job_events). */
  log(message: string): Promise<void>;
}

export interface JobHandler {
  run(context: JobContext): Promise<void>;
  /**
   * Called when the job failed for good, however that happened: its last attempt threw, or
   * its worker died during it (the lease ran out). Called before the job is marked failed,
   * so if it throws, the job is taken up again later and it is called again: make it safe to repeat.
   */
  gaveUp?(job: Job, error: string): Promise<void>;
}

export interface JobRunnerOptions {
  db: QuorumDatabase;
  clock: Clock;
  logger: Logger;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Unique per runner; defaults to host, process and a random suffix. */
  owner?: string;
  pollMs?: number;
  leaseMs?: number;
}

export interface JobRunner {
  readonly owner: string;
  /** Polls for due jobs until stopped. */
  start(): void;
  /** Stops polling and waits for the running job to finish. */
  stop(): Promise<void>;
  /** Claims and runs one due job; false when none was due. */
  runOnce(): Promise<boolean>;
  /** Runs due jobs until none is left; returns how many ran. */
  runUntilIdle(): Promise<number>;
}

class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Lease on job ${jobId} was lost to another runner`);
    this.name = 'LeaseLostError';
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Runs background jobs kept in the database. A runner takes a job with a lease (the
 * repository's claim is atomic, so two runners — in one process or many — never take the
 * same job), renews the lease while the job runs, and on failure schedules a retry with
 * the domain's backoff or gives up. Every step is written to the job's log.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, logger, handlers } = options;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? JOB_LEASE_MS;
  const pollMs = options.pollMs ?? 1_000;
  const kinds = Object.keys(handlers);
  const jobs = db.repositories.jobs;
  const leaseUntil = () => new Date(clock.now().getTime() + leaseMs);

  /** The one way a job fails: logged, retried later or given up (with the handler's gaveUp first). */
  async function fail(
    job: Job,
    handler: JobHandler,
    message: string,
    error?: unknown,
  ): Promise<void> {
    const next = afterFailure(job, clock.now());
    const retryAt = 'retryAt' in next ? next.retryAt : null;
    await jobs.log(
      job.id,
      `failed: ${message}${retryAt ? `; retry at ${retryAt.toISOString()}` : '; giving up'}`,
      clock.now(),
    );
    logger.error({ err: error, jobId: job.id, kind: job.kind, retryAt }, 'job failed');
    // Before the job is marked failed: if this throws, the job keeps its lease, which runs
    // out, and the next runner comes back here.
    if (!retryAt) await handler.gaveUp?.(job, message);
    await jobs.fail(job.id, owner, message, retryAt, clock.now());
  }

  async function execute(job: Job, handler: JobHandler): Promise<void> {
    if (lastAttemptLost(job)) {
      await fail(job, handler, 'Lease expired on the last attempt.');
      return;
    }
    let lost = false;
    let progress = job.progress;
    const renew = async () => {
      if (lost) throw new LeaseLostError(job.id);
      if (!(await jobs.heartbeat(job.id, owner, progress, leaseUntil()))) {
        lost = true;
        throw new LeaseLostError(job.id);
      }
    };
    // Renew well before the lease runs out, also while the handler is busy elsewhere.
    const heartbeat = setInterval(() => renew().catch(() => undefined), Math.max(leaseMs / 3, 10));
    heartbeat.unref();
    await jobs.log(job.id, `attempt ${job.attempts} started by ${owner}`, clock.now());
    try {
      await handler.run({
        job,
        progress: async (percent) => {
          progress = Math.max(0, Math.min(100, Math.round(percent)));
          await renew();
        },
        log: (message) => jobs.log(job.id, message, clock.now()),
      });
      clearInterval(heartbeat);
      if (lost) throw new LeaseLostError(job.id);
      await jobs.succeed(job.id, owner, clock.now());
      await jobs.log(job.id, 'succeeded', clock.now());
    } catch (error) {
      clearInterval(heartbeat);
      if (lost || error instanceof LeaseLostError) {
        logger.warn({ jobId: job.id, kind: job.kind }, 'job lease lost; another runner has it');
        return;
      }
      await fail(job, handler, errorText(error), error);
    }
  }

  async function runOnce(): Promise<boolean> {
    const job = await jobs.claimNext(owner, clock.now(), leaseUntil(), kinds);
    if (!job) return false;
    await execute(job, handlers[job.kind]!);
    return true;
  }

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function poll(): Promise<void> {
    while (running) {
      let didWork = false;
      try {
        didWork = await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'job runner: claiming a job failed');
      }
      if (!didWork && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          timer.unref();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      loop = poll();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
    runOnce,
    async runUntilIdle() {
      let count = 0;
      while (await runOnce()) count++;
      return count;
    },
  };
}

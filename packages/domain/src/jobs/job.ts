import { MINUTE, HOUR } from '../shared/clock.js';
import type { Id } from '../shared/ids.js';

/**
 * Background work (exports, retention, later mails and reminders) kept in the database,
 * so it survives restarts and runs once even when several processes share the database:
 * a worker leases a job for a while; a lease that runs out (crashed worker) lets another
 * worker take the job again.
 */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job {
  id: Id;
  kind: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  /** 0–100, for progress bars. */
  progress: number;
  lastError: string | null;
  /** The member the job is about, if any: erasure removes their jobs. */
  subjectAccountId: Id | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export const JOB_LEASE_MS = 2 * MINUTE;

/** Wait before the n-th retry (n ≥ 1): 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), HOUR);
}

/** After a failed attempt: try again later, or give up for good. */
export function afterFailure(job: Pick<Job, 'attempts' | 'maxAttempts'>, now: Date): { retryAt: Date } | { giveUp: true } {
  if (job.attempts >= job.maxAttempts) return { giveUp: true };
  return { retryAt: new Date(now.getTime() + retryDelayMs(job.attempts)) };
}

/** A claimed job whose previous, last attempt ended without an answer (its worker died): fail it, do not run it. */
export function lastAttemptLost(job: Pick<Job, 'attempts' | 'maxAttempts'>): boolean {
  return job.attempts > job.maxAttempts;
}

/** A new job, queued to run at `runAt`. */
export function queuedJob(input: {
  id: Id;
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  now: Date;
  subjectAccountId?: Id | null;
  maxAttempts?: number;
}): Job {
  return {
    id: input.id,
    kind: input.kind,
    payload: input.payload,
    status: 'queued',
    runAt: input.runAt,
    attempts: 0,
    maxAttempts: input.maxAttempts ?? 5,
    leaseOwner: null,
    leaseExpiresAt: null,
    progress: 0,
    lastError: null,
    subjectAccountId: input.subjectAccountId ?? null,
    createdAt: input.now,
    finishedAt: null,
  };
}

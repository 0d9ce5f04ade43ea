import type { Id } from '../shared/ids.js';
import type { Job } from './job.js';

export interface JobRepository {
  enqueue(job: Job): Promise<void>;
  findById(id: Id): Promise<Job | null>;
  /**
   * Atomically takes the next due job (queued, or running with an expired lease), marks it
   * running for `owner` until `leaseUntil` and counts the attempt. Two workers never get
   * the same job. A job whose lease ran out on its last attempt comes back with `attempts`
   * above `maxAttempts`: the worker must fail it (see `lastAttemptLost`), not run it.
   */
  claimNext(owner: string, now: Date, leaseUntil: Date, kinds?: readonly string[]): Promise<Job | null>;
  /** Progress and lease renewal; false when the lease was lost to another worker. */
  heartbeat(id: Id, owner: string, progress: number, leaseUntil: Date): Promise<boolean>;
  succeed(id: Id, owner: string, at: Date): Promise<void>;
  /** Back to queued at `retryAt`, or failed for good when `retryAt` is null. */
  fail(id: Id, owner: string, error: string, retryAt: Date | null, at: Date): Promise<void>;
  log(jobId: Id, message: string, at: Date): Promise<void>;
  listLog(jobId: Id): Promise<{ message: string; at: Date }[]>;
  /** A queued or running job of this kind for this member, if any. */
  findActive(kind: string, subjectAccountId: Id): Promise<Job | null>;
}

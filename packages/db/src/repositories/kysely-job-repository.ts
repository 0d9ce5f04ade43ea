import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Job, JobStatus } from '@quorum/domain/jobs/job';
import type { JobRepository } from '@quorum/domain/jobs/job.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, JobsTable } from '../schema/database.js';
import { inTransaction } from './in-transaction.js';

export class KyselyJobRepository implements JobRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toJob(row: Selectable<JobsTable>): Job {
    const time = (value: Date | string | null) => (value === null ? null : this.caps.fromTimestamp(value));
    return {
      id: row.id,
      kind: row.kind,
      payload: this.caps.fromJson(row.payload) as Record<string, unknown>,
      status: row.status as JobStatus,
      runAt: this.caps.fromTimestamp(row.run_at),
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      leaseOwner: row.lease_owner,
      leaseExpiresAt: time(row.lease_expires_at),
      progress: row.progress,
      lastError: row.last_error,
      subjectAccountId: row.subject_account_id,
      createdAt: this.caps.fromTimestamp(row.created_at),
      finishedAt: time(row.finished_at),
    };
  }

  async enqueue(job: Job): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        payload: this.caps.toJson(job.payload),
        status: job.status,
        run_at: this.caps.toTimestamp(job.runAt),
        attempts: job.attempts,
        max_attempts: job.maxAttempts,
        lease_owner: job.leaseOwner,
        lease_expires_at: job.leaseExpiresAt && this.caps.toTimestamp(job.leaseExpiresAt),
        progress: job.progress,
        last_error: job.lastError,
        subject_account_id: job.subjectAccountId,
        created_at: this.caps.toTimestamp(job.createdAt),
        finished_at: job.finishedAt && this.caps.toTimestamp(job.finishedAt),
      })
      .execute();
  }

  async findById(id: Id): Promise<Job | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toJob(row) : null;
  }

  /**
   * A job whose lease ran out on its last attempt is handed out too, with its attempts past
   * the limit: the worker then fails it through the one failure path (JobRunner), instead
   * of it being failed here where no failure handler runs.
   *
   * One transaction (BEGIN IMMEDIATE on SQLite: writers queue up, so the select-then-update
   * cannot interleave). PostgreSQL's FOR UPDATE SKIP LOCKED lets a second worker pass a row
   * the first is claiming; the guard in the UPDATE repeats the due condition regardless.
   */
  async claimNext(owner: string, now: Date, leaseUntil: Date, kinds?: readonly string[]): Promise<Job | null> {
    if (kinds?.length === 0) return null;
    const at = this.caps.toTimestamp(now);
    return inTransaction(this.db, async (trx) => {
      const candidate = await trx
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', at)]),
            eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<=', at)]),
          ]),
        )
        .$if(kinds !== undefined, (query) => query.where('kind', 'in', kinds ?? []))
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .$if(this.caps.skipLocked, (query) => query.forUpdate().skipLocked())
        .executeTakeFirst();
      if (!candidate) return null;
      const row = await trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          lease_owner: owner,
          lease_expires_at: this.caps.toTimestamp(leaseUntil),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', candidate.id)
        .where((eb) =>
          eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<=', at)])]),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? this.toJob(row) : null;
    });
  }

  async heartbeat(id: Id, owner: string, progress: number, leaseUntil: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), lease_expires_at: this.caps.toTimestamp(leaseUntil) })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Only the lease holder finishes a job; a worker that lost its lease changes nothing. */
  async succeed(id: Id, owner: string, at: Date): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'succeeded', progress: 100, lease_owner: null, lease_expires_at: null, finished_at: this.caps.toTimestamp(at) })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .execute();
  }

  async fail(id: Id, owner: string, error: string, retryAt: Date | null, at: Date): Promise<void> {
    const outcome =
      retryAt === null
        ? { status: 'failed', finished_at: this.caps.toTimestamp(at) }
        : { status: 'queued', run_at: this.caps.toTimestamp(retryAt) };
    await this.db
      .updateTable('jobs')
      .set({ ...outcome, last_error: error, lease_owner: null, lease_expires_at: null })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .execute();
  }

  async log(jobId: Id, message: string, at: Date): Promise<void> {
    await this.db
      .insertInto('job_events')
      // The line's own id is never handed out.
      .values({ id: randomUUID(), job_id: jobId, occurred_at: this.caps.toTimestamp(at), message })
      .execute();
  }

  async listLog(jobId: Id): Promise<{ message: string; at: Date }[]> {
    const rows = await this.db
      .selectFrom('job_events')
      .select(['message', 'occurred_at'])
      .where('job_id', '=', jobId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ message: row.message, at: this.caps.fromTimestamp(row.occurred_at) }));
  }

  async findActive(kind: string, subjectAccountId: Id): Promise<Job | null> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('subject_account_id', '=', subjectAccountId)
      .where('kind', '=', kind)
      .where('status', 'in', ['queued', 'running'])
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? this.toJob(row) : null;
  }
}

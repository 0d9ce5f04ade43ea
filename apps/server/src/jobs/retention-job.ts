import type { QuorumDatabase } from '@quorum/db/connect';
import { queuedJob } from '@quorum/domain/jobs/job';
import { retentionCutoff, retentionRules, type RetentionRuleId } from '@quorum/domain/privacy/retention';
import { DAY, HOUR, type Clock } from '@quorum/domain/shared/clock';
import type { FileStorage } from '@quorum/domain/shared/file-storage.port';
import { sha256Hex } from '@quorum/domain/shared/sha256';
import { removeUnusedExportFiles } from '../privacy/export-files.js';
import type { JobHandler } from './job-runner.js';

export const RETENTION_JOB = 'retention';

/** Applies every retention rule at the clock's now, each in its own transaction. Idempotent. */
export async function applyRetention(db: QuorumDatabase, clock: Clock): Promise<Record<RetentionRuleId, number>> {
  const now = clock.now();
  const deleted = {} as Record<RetentionRuleId, number>;
  for (const rule of retentionRules) {
    deleted[rule.id] = await db.unitOfWork.transaction((repos) => repos.retention.apply(rule.id, retentionCutoff(rule, now)));
  }
  return deleted;
}

/**
 * The id of the retention run of one UTC day, the same in every process: scheduling it
 * twice (two processes starting, or a retried run) finds the existing job.
 */
export function retentionJobId(day: Date): string {
  const hex = sha256Hex(`quorum:${RETENTION_JOB}:${day.toISOString().slice(0, 10)}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Queues the run of the day of `runAt` unless it exists. */
export async function scheduleRetention(db: QuorumDatabase, clock: Clock, runAt: Date): Promise<void> {
  const id = retentionJobId(runAt);
  if (await db.repositories.jobs.findById(id)) return;
  try {
    await db.unitOfWork.transaction((repos) => repos.jobs.enqueue(queuedJob({ id, kind: RETENTION_JOB, payload: {}, runAt, now: clock.now() })));
  } catch (error) {
    // Another process queued the same day's run a moment ago.
    if (!(await db.repositories.jobs.findById(id))) throw error;
  }
}

/** 03:00 UTC of the next day: the quiet hours of most European instances. */
export function nextRetentionRun(now: Date): Date {
  const startOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(startOfDay + DAY + 3 * HOUR);
}

/**
 * The daily retention run: queues tomorrow's run first — so the chain goes on however this
 * one ends (thrown, given up, its process killed) — then applies every rule and removes the
 * files whose rows went (export files) or whose writing never finished.
 */
export function retentionJobHandler(services: { db: QuorumDatabase; clock: Clock; files: FileStorage }): JobHandler {
  const { db, clock, files } = services;
  return {
    async run({ log }) {
      await scheduleRetention(db, clock, nextRetentionRun(clock.now()));
      const deleted = await applyRetention(db, clock);
      await log(`deleted ${Object.entries(deleted).map(([rule, count]) => `${rule}=${count}`).join(', ')}`);
      const exportFiles = await removeUnusedExportFiles(db, files);
      const incomplete = await files.removeIncomplete(new Date(clock.now().getTime() - DAY));
      await log(`removed ${exportFiles} export files, ${incomplete} unfinished files`);
    },
    async gaveUp() {
      await scheduleRetention(db, clock, nextRetentionRun(clock.now()));
    },
  };
}

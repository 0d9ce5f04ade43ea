import type { AppServices } from '../context.js';
import { EXPORT_JOB, exportJobHandler } from './export-job.js';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner.js';
import { RETENTION_JOB, retentionJobHandler, scheduleRetention } from './retention-job.js';

/** The server's job runner with every handler it knows. */
export function createAppJobRunner(
  services: Pick<AppServices, 'db' | 'clock' | 'logger' | 'files'>,
  options: Pick<JobRunnerOptions, 'owner' | 'pollMs' | 'leaseMs'> = {},
): JobRunner {
  return createJobRunner({
    ...services,
    ...options,
    handlers: { [EXPORT_JOB]: exportJobHandler(services), [RETENTION_JOB]: retentionJobHandler(services) },
  });
}

/** Makes sure today's retention run exists (it queues the next one itself), then polls. */
export async function startBackgroundJobs(
  services: Pick<AppServices, 'db' | 'clock' | 'logger' | 'files'>,
): Promise<JobRunner> {
  await scheduleRetention(services.db, services.clock, services.clock.now());
  const runner = createAppJobRunner(services);
  runner.start();
  return runner;
}

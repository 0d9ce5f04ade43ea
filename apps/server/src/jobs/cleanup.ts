import { sessionPolicy } from '@quorum/domain/accounts/session-policy';
import { HOUR } from '@quorum/domain/shared/clock';
import type { AppServices } from '../context.js';

/** Deletes sessions past their idle or absolute timeout and one-time tokens past expiry. */
export async function deleteExpired(services: Pick<AppServices, 'db' | 'clock'>): Promise<{ sessions: number; tokens: number }> {
  const now = services.clock.now().getTime();
  return services.db.unitOfWork.transaction(async (repos) => ({
    sessions: await repos.sessions.deleteExpired(
      new Date(now - sessionPolicy.idleTimeoutMs),
      new Date(now - sessionPolicy.absoluteTimeoutMs),
    ),
    tokens: await repos.tokens.deleteExpired(new Date(now)),
  }));
}

/** Runs the cleanup now and then hourly; returns a stop function. Never keeps the process alive. */
export function startCleanupJob(services: Pick<AppServices, 'db' | 'clock' | 'logger'>, intervalMs = HOUR): () => void {
  const runOnce = () =>
    deleteExpired(services).then(
      (deleted) => services.logger.debug({ deleted }, 'expired sessions and tokens deleted'),
      (error: unknown) => services.logger.error({ err: error }, 'cleanup of expired sessions and tokens failed'),
    );
  void runOnce();
  const timer = setInterval(runOnce, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

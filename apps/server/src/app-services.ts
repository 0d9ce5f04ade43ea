import path from 'node:path';
import type { QuorumDatabase } from '@quorum/db/connect';
import type { Clock } from '@quorum/domain/shared/clock';
import { createPasswordHasher } from './auth/passwords.js';
import { createMemoryRateLimiter } from './auth/rate-limit.js';
import type { AppServices } from './context.js';
import { createBatchedReadMarks } from './discussions/batched-read-marks.js';
import type { Env } from './env.js';
import { newId } from './ids.js';
import type { Logger } from './logger.js';
import { createLoggingMailer, createSmtpMailer } from './mail/mailer.js';
import { createLocalFileStorage } from './storage/local-file-storage.js';

export const systemClock: Clock = { now: () => new Date() };

/** Wires the process-wide adapters from the parsed configuration. */
export function createAppServices(env: Env, db: QuorumDatabase, logger: Logger): AppServices {
  if (!env.smtp) logger.warn('SMTP_HOST is not set: mails are not sent but written to this log, links included');
  return {
    db,
    env,
    logger,
    clock: systemClock,
    newId,
    mailer: env.smtp ? createSmtpMailer(env.smtp, env.mailFrom) : createLoggingMailer(logger),
    rateLimiter: createMemoryRateLimiter(),
    files: createLocalFileStorage(path.join(env.dataDir, 'files')),
    passwords: createPasswordHasher(),
    readMarks: createBatchedReadMarks(db, systemClock, logger),
  };
}

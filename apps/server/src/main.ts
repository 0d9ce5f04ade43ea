import { createAppServices } from './app-services.js';
import { setupLinkAnnouncement, setupLinkIfNoAdmin } from './auth/setup-link.js';
import { loadEnv } from './env.js';
import { createHttpServer } from './http.js';
import { startBackgroundJobs } from './jobs/app-jobs.js';
import { createLogger } from './logger.js';
import { seedPolicyTexts } from './privacy/seed-policy-texts.js';
import {
  explainListenError,
  openMigratedDatabase,
  prepareDataDir,
  StartupError,
  startupFailureText,
} from './startup.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  await prepareDataDir(env.dataDir, logger);
  const db = await openMigratedDatabase(env, logger);
  const services = createAppServices(env, db, logger);
  const seeded = await seedPolicyTexts(services);
  if (seeded > 0) logger.info({ documents: seeded }, 'default policy texts published as version 1');

  const setupLink = await setupLinkIfNoAdmin(db, services.clock, env.publicUrl);
  // Plain lines on stdout (not JSON logs): the operator reads and copies them.
  if (setupLink) console.log(`${setupLinkAnnouncement} ${setupLink}`);

  const server = createHttpServer(services);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      const explained = explainListenError(error, env);
      reject(explained ? new StartupError(explained, { cause: error }) : error);
    });
    server.listen(env.port, env.host, resolve);
  });
  const jobs = await startBackgroundJobs(services);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // No new jobs from now on; a running one finishes (or its lease lets another process take it).
    const jobsStopped = jobs.stop();
    server.close(() => {
      services.mailer.close();
      jobsStopped
        .then(() => services.readMarks.close())
        .then(() => db.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    server.closeIdleConnections();
    // Open keep-alive or slow requests get ten seconds, then the process goes anyway.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Last: whoever waits for this line may stop the server right away.
  console.log(`Quorum is listening on ${env.publicUrl}`);
}

main().catch((error: unknown) => {
  console.error(startupFailureText(error));
  process.exit(1);
});

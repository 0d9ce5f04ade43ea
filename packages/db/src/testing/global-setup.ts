import { startTestPostgres, TEST_POSTGRES_URL_ENV } from './start-test-postgres.js';

/**
 * Vitest globalSetup: one PostgreSQL for the whole test run, shared by every worker
 * through the environment (vitest builds the workers' environment after this runs).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  process.env[TEST_POSTGRES_URL_ENV] = server.url;
  return async () => {
    delete process.env[TEST_POSTGRES_URL_ENV];
    await server.stop();
  };
}

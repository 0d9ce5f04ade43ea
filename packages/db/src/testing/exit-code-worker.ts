/**
 * Run by start-test-postgres.test.ts in a process of its own: starts the test PostgreSQL,
 * records a failure as vitest does (exitCode 1), stops it as the global teardown does, and
 * lets the process end on its own.
 */
import { startTestPostgres } from './start-test-postgres.js';

const server = await startTestPostgres();
process.exitCode = 1;
await server.stop();

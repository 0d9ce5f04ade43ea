import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, type QuorumDatabase } from '../connect.js';
import { createTestDatabase } from './start-test-postgres.js';

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database; the caller closes it. */
  create(): Promise<QuorumDatabase>;
}

let sqliteDir: string | undefined;

function sqliteTestDir(): string {
  if (!sqliteDir) {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-test-sqlite-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    sqliteDir = dir;
  }
  return sqliteDir;
}

let sqliteCount = 0;

async function migrated(url: string): Promise<QuorumDatabase> {
  const database = await connectDatabase({ url });
  await database.migrate();
  return database;
}

/** For `describe.each(testDialects)`: SQLite always, and a real PostgreSQL (see start-test-postgres.ts). */
export const testDialects: TestDialect[] = [
  {
    name: 'sqlite',
    create: () => migrated(`sqlite:${join(sqliteTestDir(), `test-${++sqliteCount}.db`)}`),
  },
  {
    name: 'postgres',
    create: async () => migrated(await createTestDatabase()),
  },
];

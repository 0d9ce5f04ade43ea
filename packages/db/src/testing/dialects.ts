import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, type QuorumDatabase } from '../connect.js';
import { createTestDatabase } from './start-test-postgres.js';

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database; the caller closes it. */
  create(): Promise<QuorumDatabase>;
  /** Like create(), with its URL, so a test can open a second connection (another process's view). */
  createWithUrl(): Promise<{ db: QuorumDatabase; url: string }>;
  /** The URL of a new, empty database that is not migrated (migration and upgrade tests). */
  newUrl(): Promise<string>;
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

async function migrated(url: string): Promise<{ db: QuorumDatabase; url: string }> {
  const db = await connectDatabase({ url });
  await db.migrate();
  return { db, url };
}

function dialect(name: TestDialect['name'], newUrl: () => Promise<string>): TestDialect {
  const createWithUrl = async () => migrated(await newUrl());
  return { name, newUrl, createWithUrl, create: async () => (await createWithUrl()).db };
}

/** For `describe.each(testDialects)`: SQLite always, and a real PostgreSQL (see start-test-postgres.ts). */
export const testDialects: TestDialect[] = [
  dialect('sqlite', () => Promise.resolve(`sqlite:${join(sqliteTestDir(), `test-${++sqliteCount}.db`)}`)),
  dialect('postgres', createTestDatabase),
];

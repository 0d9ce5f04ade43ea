import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, startTestPostgres } from './start-test-postgres.js';

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('test PostgreSQL', () => {
  it('starts a real server under /tmp, and stop() removes its data dir', async () => {
    const server = await startTestPostgres();
    try {
      expect(server.dataDir.startsWith('/tmp/')).toBe(true);
      const [row] = await query(server.url, 'select version() as version');
      expect(String(row?.version)).toMatch(/^PostgreSQL \d+/);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dataDir)).toBe(false);
  }, 30_000);

  it('gives every call a new, empty database', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(first).not.toBe(second);
    const tables = await query(first, "select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables).toEqual([]);
  });
});

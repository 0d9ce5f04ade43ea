import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { canRun, copyPackages, installedPackages, postgresUser } from './embedded-postgres-install.js';
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

  it('leaves a failed run failed: its exit hook does not end the process with 0', () => {
    const worker = new URL('./exit-code-worker.ts', import.meta.url).pathname;
    const run = spawnSync(process.execPath, ['--import', 'tsx', worker], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  }, 70_000);

  it('gives every call a new, empty database', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(first).not.toBe(second);
    const tables = await query(first, "select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables).toEqual([]);
  });

  it('runs from a checkout in a folder only its owner may enter (mktemp -d, /root/quorum), also after another such checkout is gone', async () => {
    const installed = installedPackages();
    const cacheRoot = mkdtempSync(join(tmpdir(), 'quorum-pg-cache-'));
    chmodSync(cacheRoot, 0o755);
    const asRoot = userInfo().uid === 0;
    /** The installed packages, copied into a private folder as a clone there would hold them; started from there, then removed. */
    async function startFromPrivateCheckout(): Promise<void> {
      const privateDir = mkdtempSync(join(tmpdir(), 'quorum-private-checkout-'));
      try {
        const modules = join(privateDir, 'node_modules');
        copyPackages(installed, modules);
        // The case of the bug report: as root, the postgres user cannot run what is in there.
        if (asRoot) expect(canRun(join(modules, installed.native.name, 'native', 'bin'), postgresUser())).toBe(false);
        const server = await startTestPostgres({ embeddedPostgresDir: join(modules, 'embedded-postgres'), cacheRoot });
        try {
          expect(server.binDir.startsWith(asRoot ? cacheRoot : privateDir)).toBe(true);
          const [row] = await query(server.url, 'select 1 as one');
          expect(row?.one).toBe(1);
        } finally {
          await server.stop();
        }
      } finally {
        rmSync(privateDir, { recursive: true, force: true });
      }
    }
    try {
      await startFromPrivateCheckout();
      // What stays under /tmp depends on no checkout: no link in it leads out of it.
      for (const entry of readdirSync(cacheRoot, { recursive: true, withFileTypes: true })) {
        if (!entry.isSymbolicLink()) continue;
        const link = join(entry.parentPath, entry.name);
        expect(realpathSync(link).startsWith(`${realpathSync(cacheRoot)}/`), link).toBe(true);
      }
      if (asRoot) expect(readdirSync(cacheRoot)).toHaveLength(1);
      // The copy under /tmp outlives the checkout that made it: the next one still starts from it.
      await startFromPrivateCheckout();
    } finally {
      rmSync(cacheRoot, { recursive: true, force: true });
    }
  }, 120_000);
});

import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDialect } from './connect.js';
import { migrateToLatest } from './migrator.js';
import { testDialects } from './testing/dialects.js';
import { raceProcesses } from './testing/race-processes.js';

const workerScript = fileURLToPath(new URL('./testing/migrate-worker.ts', import.meta.url));

const createTable = (name: string): Migration => ({
  up: async (db: Kysely<any>) => {
    await db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .execute();
    await db.insertInto(name).values({ id: 'row' }).execute();
  },
});

const tableExists = async (db: Kysely<any>, name: string) =>
  (await db.introspection.getTables()).some((table) => table.name === name);

describe.each(testDialects)('migrations on $name', (dialect) => {
  it('apply once when several processes start on a new database at the same moment', async () => {
    const url = await dialect.newUrl();
    expect(await raceProcesses(workerScript, [[url], [url], [url]])).toEqual(['migrated', 'migrated', 'migrated']);
    const { kysely, migrations } = openDialect(url);
    try {
      const applied = await kysely
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .orderBy('name' as never)
        .execute();
      expect(applied.map((row) => (row as { name: string }).name)).toEqual(
        Object.keys(migrations).sort(),
      );
    } finally {
      await kysely.destroy();
    }
  }, 60_000);

  it('leave nothing of a step that fails, so the next start applies it once fixed', async () => {
    const { kysely, migrationTransaction } = openDialect(await dialect.newUrl());
    try {
      const failing: Migration = {
        up: async (db: Kysely<any>) => {
          await createTable('second').up(db);
          await sql`select * from no_such_table`.execute(db);
        },
      };
      await expect(
        migrateToLatest(
          { '0001-first': createTable('first'), '0002-second': failing },
          migrationTransaction,
        ),
      ).rejects.toThrow(/^Migration 0002-second failed: .*no_such_table/);
      expect(await tableExists(kysely, 'first')).toBe(true);
      expect(await tableExists(kysely, 'second')).toBe(false);

      const fixed = { '0001-first': createTable('first'), '0002-second': createTable('second') };
      expect(await migrateToLatest(fixed, migrationTransaction)).toEqual(['0002-second']);
      expect(
        await kysely
          .selectFrom('second' as never)
          .selectAll()
          .execute(),
      ).toEqual([{ id: 'row' }]);
      expect(await migrateToLatest(fixed, migrationTransaction)).toEqual([]);
    } finally {
      await kysely.destroy();
    }
  });

  it('refuse a database that a newer version migrated further', async () => {
    const { kysely, migrationTransaction } = openDialect(await dialect.newUrl());
    try {
      await migrateToLatest(
        { '0001-first': createTable('first'), '0002-second': createTable('second') },
        migrationTransaction,
      );
      await expect(
        migrateToLatest({ '0001-first': createTable('first') }, migrationTransaction),
      ).rejects.toThrow(
        'The database was migrated by a newer version of Quorum (0002-second); run that version or newer.',
      );
    } finally {
      await kysely.destroy();
    }
  });
});

import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Runs `work` in one transaction that holds the database's migration lock until it ends:
 * on SQLite the write lock (BEGIN IMMEDIATE), on PostgreSQL an advisory transaction lock.
 * Each dialect provides it (see dialects/).
 */
export type MigrationTransaction = <T>(work: (trx: Kysely<any>) => Promise<T>) => Promise<T>;

/** The bookkeeping table, named and shaped as Kysely's Migrator made it, so older databases carry on. */
const MIGRATION_TABLE = 'kysely_migration';

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

async function appliedMigrations(trx: Kysely<any>): Promise<Set<string>> {
  await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
    trx,
  );
  const rows = await trx.selectFrom(MIGRATION_TABLE).select('name').execute();
  return new Set(rows.map((row: { name: string }) => row.name));
}

/**
 * Brings the schema to the newest migration (or to `until`, inclusive); running it again
 * changes nothing. Every migration runs in its own transaction under the migration lock,
 * together with its bookkeeping row: two processes starting at once apply each step once,
 * and a step that fails leaves nothing behind, so fixing the cause and starting again works.
 * Returns the names it applied.
 */
export async function migrateToLatest(
  migrations: Readonly<Record<string, Migration>>,
  inLockedTransaction: MigrationTransaction,
  options: { until?: string } = {},
): Promise<string[]> {
  const names = Object.keys(migrations).sort();
  if (options.until !== undefined && !names.includes(options.until))
    throw new MigrationError(`Unknown migration ${options.until}`, null);
  const wanted =
    options.until === undefined ? names : names.slice(0, names.indexOf(options.until) + 1);
  const applied: string[] = [];
  for (;;) {
    // The state is read again under the lock each time: another process may have moved on.
    const next = await inLockedTransaction(async (trx) => {
      const done = await appliedMigrations(trx);
      const unknown = [...done].filter((name) => !names.includes(name)).sort();
      if (unknown.length > 0) {
        throw new MigrationError(
          `The database was migrated by a newer version of Quorum (${unknown.join(', ')}); run that version or newer.`,
          null,
        );
      }
      const name = wanted.find((candidate) => !done.has(candidate));
      if (name === undefined) return null;
      try {
        await migrations[name]!.up(trx);
      } catch (error) {
        throw new MigrationError(
          `Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
          name,
          { cause: error },
        );
      }
      await trx
        .insertInto(MIGRATION_TABLE)
        .values({ name, timestamp: new Date().toISOString() })
        .execute();
      return name;
    });
    if (next === null) return applied;
    applied.push(next);
  }
}

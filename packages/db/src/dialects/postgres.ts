import pg from 'pg';
import { Kysely, PostgresDialect, sql, type SqlBool } from 'kysely';
import { postgresMigrations } from '../migrations/postgres/index.js';
import type { Database } from '../schema/database.js';
import type { DialectCapabilities, DialectConnection } from './capabilities.js';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
/** The advisory lock key of Quorum's migrations (any constant; 'quorum' in ASCII). */
const MIGRATION_LOCK_KEY = 0x71756f72756d;

export const postgresCapabilities: DialectCapabilities = {
  name: 'postgres',
  toTimestamp: (date) => date,
  fromTimestamp: (value) => new Date(value),
  toFlag: (value) => value,
  fromFlag: (value) => value === true || value === 1,
  // JSON text, not the value: pg would send a JS array as a PostgreSQL array literal.
  toJson: (value) => JSON.stringify(value),
  fromJson: (value) => value,
  skipLocked: true,
  rowLocks: true,
  uniqueViolation(error) {
    if (!(error instanceof pg.DatabaseError) || error.code !== UNIQUE_VIOLATION) return null;
    // detail: "Key (community_id, account_id)=(…, …) already exists."
    const columns = /^Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1]?.split(', ') ?? [];
    return { table: error.table ?? '', columns, index: error.constraint ?? null };
  },
  foreignKeyViolation: (error) => error instanceof pg.DatabaseError && error.code === FOREIGN_KEY_VIOLATION,
  containsText: (text, term) =>
    sql<SqlBool>`lower(${text}) like ${`%${term.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`} escape '\\'`,
  jsonHasAnyOf: (json, values) =>
    sql<boolean>`exists (select 1 from jsonb_array_elements_text(case jsonb_typeof(${json}) when 'array' then ${json} else jsonb_build_array(${json}) end) as element(value) where element.value in (${sql.join(values)}))`,
};

export function openPostgres(connectionString: string): DialectConnection {
  // pg already parses timestamptz into a Date (the domain's one time type); the
  // contract tests check that every timestamp comes back as one.
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection (server restart) is no query's error: the pool
  // drops that client and connects anew on next use. Unhandled, the event would crash us.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    capabilities: postgresCapabilities,
    migrations: postgresMigrations,
    // Held until the transaction ends: other processes wait at this line, then see the new state.
    migrationTransaction: (work) =>
      kysely.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
        return work(trx);
      }),
    // REPEATABLE READ: one snapshot for the whole transaction (READ COMMITTED takes one per statement).
    readSnapshot: (work) =>
      kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await sql`set transaction read only`.execute(trx);
          return work(trx);
        }),
    // PostgreSQL keeps no separate log file next to the data that a copy of DATA_DIR would take along.
    checkpoint: () => Promise.resolve(true),
    close: () => kysely.destroy(),
  };
}

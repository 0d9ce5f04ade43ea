import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { postgresMigrations } from '../migrations/postgres/index.js';
import type { Database } from '../schema/database.js';
import type { DialectCapabilities, DialectConnection } from './capabilities.js';

const UNIQUE_VIOLATION = '23505';

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
};

export function openPostgres(connectionString: string): DialectConnection {
  // pg already parses timestamptz into a Date (the domain's one time type); the
  // contract tests check that every timestamp comes back as one.
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection (server restart) is no query's error: the pool
  // drops that client and connects anew on next use. Unhandled, the event would crash us.
  pool.on('error', () => undefined);
  return {
    kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    capabilities: postgresCapabilities,
    migrations: postgresMigrations,
  };
}

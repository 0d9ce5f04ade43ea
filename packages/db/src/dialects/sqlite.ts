import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import { sqliteMigrations } from '../migrations/sqlite/index.js';
import type { Database } from '../schema/database.js';
import type { DialectCapabilities, DialectConnection } from './capabilities.js';

export const sqliteCapabilities: DialectCapabilities = {
  name: 'sqlite',
  // toISOString is always UTC with milliseconds, so text order is time order.
  toTimestamp: (date) => date.toISOString(),
  fromTimestamp: (value) => new Date(value),
  toFlag: (value) => (value ? 1 : 0),
  fromFlag: (value) => value === 1 || value === true,
  toJson: (value) => JSON.stringify(value),
  fromJson: (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
  skipLocked: false,
  rowLocks: false,
  uniqueViolation(error) {
    if (!(error instanceof SqliteDatabase.SqliteError)) return null;
    if (error.code !== 'SQLITE_CONSTRAINT_UNIQUE' && error.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null;
    // "UNIQUE constraint failed: memberships.community_id, memberships.account_id",
    // or for an expression index "UNIQUE constraint failed: index 'policy_texts_version_idx'".
    const index = /index '([^']+)'/.exec(error.message)?.[1];
    if (index !== undefined) return { table: '', columns: [], index };
    const qualified = error.message.split(': ')[1]?.split(', ') ?? [];
    const table = qualified[0]?.split('.')[0] ?? '';
    return { table, columns: qualified.map((column) => column.split('.')[1] ?? ''), index: null };
  },
};

/**
 * Starts write transactions with BEGIN IMMEDIATE: a deferred transaction that reads
 * first and writes later fails at once with SQLITE_BUSY when another process holds the
 * write lock, whereas IMMEDIATE waits for busy_timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/** Opens (and creates, with its folder) an SQLite file. */
export function openSqlite(path: string): DialectConnection {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // Erased data is overwritten with zeros instead of lingering in free pages of the file.
  database.pragma('secure_delete = ON');
  return {
    kysely: new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) }),
    capabilities: sqliteCapabilities,
    migrations: sqliteMigrations,
  };
}

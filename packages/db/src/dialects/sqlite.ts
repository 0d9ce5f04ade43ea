import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, sql, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqlBool, type SqliteDialectConfig } from 'kysely';
import { sqliteMigrations } from '../migrations/sqlite/index.js';
import type { Database } from '../schema/database.js';
import type { DialectCapabilities, DialectConnection } from './capabilities.js';
import { allowDirectReads } from './direct-reads.js';

/** `*term*` as a GLOB pattern: each cased letter a class of both cases, GLOB's own characters literal. */
export function caseInsensitiveGlob(term: string): string {
  let pattern = '';
  for (const char of term) {
    const [lower, upper] = [char.toLowerCase(), char.toUpperCase()];
    if (lower !== upper && [...lower].length === 1 && [...upper].length === 1) pattern += `[${lower}${upper}]`;
    else if (char === '*' || char === '?' || char === '[') pattern += `[${char}]`;
    else pattern += char;
  }
  return `*${pattern}*`;
}

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
  foreignKeyViolation: (error) =>
    error instanceof SqliteDatabase.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY',
  // SQLite's lower() and LIKE fold ASCII only, and a JS function per row is slow: GLOB with a
  // class per letter ([mM][üÜ]…) matches any case natively.
  containsText: (text, term) => sql<SqlBool>`${text} glob ${caseInsensitiveGlob(term)}`,
  // json_each yields a scalar's own value, or each element of an array.
  jsonHasAnyOf: (json, values) =>
    sql<boolean>`exists (select 1 from json_each(${json}) as element where cast(element.value as text) in (${sql.join(values)}))`,
};

const BUSY_TIMEOUT_MS = 5_000;
const MIGRATION_BUSY_TIMEOUT_MS = 120_000;

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

/**
 * better-sqlite3 compiles a statement on every prepare; Kysely prepares on every query. The
 * same few hundred SQL strings come back all the time, so their statements are kept
 * (least recently used ones dropped). Safe on one connection: Kysely runs one query at a
 * time on it (a direct read runs to its end at once), and SQLite recompiles a kept statement
 * itself after a schema change.
 */
function statementCache(database: SqliteDatabase.Database, size = 500): (sql: string) => SqliteDatabase.Statement {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = database.prepare(sql);
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  };
}

function withStatementCache(database: SqliteDatabase.Database): SqliteDialectConfig['database'] & object {
  return { close: () => database.close(), prepare: statementCache(database) };
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly database: SqliteDialectConfig['database'] & object;

  constructor(database: SqliteDatabase.Database) {
    const cached = withStatementCache(database);
    super({ database: cached });
    this.database = cached;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/**
 * A second connection that only reads, for snapshots: in WAL mode its transaction sees the
 * file as of its first read while the main connection goes on writing. (On the main
 * connection a long read would hold up every other query of the process.)
 */
function snapshotReader(path: string): {
  kysely: Kysely<Database>;
  database: SqliteDatabase.Database;
} {
  const database = readOnlyConnection(path);
  return { kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), database };
}

/** Another connection to the file that can only read (snapshots, direct reads). */
function readOnlyConnection(path: string): SqliteDatabase.Database {
  const database = new SqliteDatabase(path);
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('query_only = ON');
  return database;
}

/**
 * Members' data is for the server's user alone: the file is created 0600 (SQLite gives its
 * -wal and -shm files the mode of the database file), and files that are open to others
 * (made by an older version, or copied in) are closed, with a notice saying so.
 */
function keepPrivate(path: string, notice: (message: string) => void): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    chmodSync(file, 0o600);
    notice(`${file} was readable by other users (mode ${mode.toString(8)}); changed to 600`);
  }
}

/** Opens (and creates, with its folder) an SQLite file. */
export function openSqlite(
  path: string,
  notice: (message: string) => void = () => undefined,
): DialectConnection {
  if (path !== ':memory:') keepPrivate(path, notice);
  const database = new SqliteDatabase(path);
  // First: switching a new file to WAL takes a lock another starting process may hold.
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  // Erased data is overwritten with zeros instead of lingering in free pages of the file.
  database.pragma('secure_delete = ON');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) });
  // Hot reads outside transactions (compiled-queries.ts) run on a read-only connection of
  // their own, at once: no wait behind the one connection's queue, no Kysely executor, and in
  // WAL mode they see what is committed, never a running transaction's writes (decision 036).
  let closed = false;
  let direct: { database: SqliteDatabase.Database; prepare: (sql: string) => SqliteDatabase.Statement } | undefined;
  if (path !== ':memory:') {
    allowDirectReads(kysely as Kysely<never>, (text, parameters) => {
      if (closed) throw new Error('the database is closed');
      if (!direct) {
        const reader = readOnlyConnection(path);
        direct = { database: reader, prepare: statementCache(reader) };
      }
      return direct.prepare(text).all(parameters as unknown[]);
    });
  }
  let reader: ReturnType<typeof snapshotReader> | undefined;
  // Snapshots open in this process, and whether a checkpoint waits for them to end.
  let snapshots = 0;
  let checkpointOwed = false;
  const truncateLog = async () => {
    // TRUNCATE: every frame into the file (secure_delete zeroes freed pages there), then the -wal file is emptied.
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(kysely);
    return rows[0]?.busy === 0;
  };
  return {
    kysely,
    capabilities: sqliteCapabilities,
    migrations: sqliteMigrations,
    // BEGIN IMMEDIATE takes the write lock; another process waits for it longer than for an
    // ordinary write, since a migration of a large file may take a while.
    async migrationTransaction(work) {
      database.pragma(`busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`);
      try {
        return await kysely.transaction().execute(work);
      } finally {
        database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    },
    async readSnapshot(work) {
      if (path === ':memory:') return kysely.transaction().execute(work);
      // Once closed, no read opens the file again (a snapshot reader never opened before would).
      if (closed) throw new Error('the database is closed');
      reader ??= snapshotReader(path);
      snapshots += 1;
      try {
        // A deferred BEGIN: the snapshot starts with the first read and lasts until the end.
        return await reader.kysely.transaction().execute(work);
      } finally {
        snapshots -= 1;
        // The checkpoint an erasure asked for while this snapshot kept the old frames alive.
        if (snapshots === 0 && checkpointOwed) {
          checkpointOwed = !(await truncateLog().catch(() => false));
        }
      }
    },
    async checkpoint() {
      // Our own open snapshot would hold it up (synchronously, for the busy timeout, stalling
      // the process that must end the snapshot): it runs when the last snapshot ends.
      if (snapshots > 0) {
        checkpointOwed = true;
        return false;
      }
      return truncateLog();
    },
    async close() {
      // First: a read starting while this closes opens no reader that would stay open.
      closed = true;
      await reader?.kysely.destroy();
      direct?.database.close();
      await kysely.destroy();
    },
  };
}

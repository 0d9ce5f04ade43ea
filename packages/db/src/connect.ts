import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { UnitOfWork } from '@quorum/domain/shared/unit-of-work.port';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { DialectConnection, DialectName } from './dialects/capabilities.js';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import { migrateToLatest } from './migrator.js';
import { createRepositories, type Repositories } from './repositories/create-repositories.js';
import type { Database } from './schema/database.js';

export type { Repositories } from './repositories/create-repositories.js';
export type { Database } from './schema/database.js';
/** The query builder type, for consumers that do not depend on kysely themselves. */
export type QuorumKysely = Kysely<Database>;

export interface QuorumDatabase {
  dialect: DialectName;
  kysely: Kysely<Database>;
  /** Not in a transaction; inside `unitOfWork.transaction` they join the running one. */
  repositories: Repositories;
  unitOfWork: UnitOfWork<Repositories>;
  /**
   * Reads in one read-only transaction (a snapshot): every repository read inside `work`
   * sees the database as of one moment, and no writer waits for it. Writes fail.
   */
  readSnapshot<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /**
   * Empties the write-ahead log into the database file: on SQLite a truncating checkpoint,
   * so rows just deleted (an erasure) do not linger in the -wal file; on PostgreSQL nothing.
   * False when readers kept it from completing; when they were this process's snapshots, it
   * runs as the last of them ends.
   */
  checkpoint(): Promise<boolean>;
  /** To the latest migration (or up to `until`, inclusive: upgrade tests); idempotent. */
  migrate(options?: { until?: string }): Promise<void>;
  close(): Promise<void>;
}

/** The transaction running in the current async context, per database. */
const runningTransaction = new AsyncLocalStorage<{ owner: object; repositories: Repositories }>();

/**
 * On Node 20 an enabled AsyncLocalStorage tracks contexts with promise hooks that tax every
 * promise of every request (~0.1 ms of a thread read, 12 % of a minimal tRPC server's CPU,
 * measured): it is on while a transaction of this process runs and off when none does, so
 * reads outside transactions pay nothing. Off, `getStore()` is undefined — no transaction runs.
 */
let transactionsRunning = 0;

async function inTransactionContext<T>(store: { owner: object; repositories: Repositories }, work: () => Promise<T>): Promise<T> {
  transactionsRunning += 1;
  try {
    return await runningTransaction.run(store, work);
  } finally {
    transactionsRunning -= 1;
    if (transactionsRunning === 0) runningTransaction.disable();
  }
}

/** The connection of the dialect `url` names, without repositories (migration tests). */
export function openDialect(url: string, notice?: (message: string) => void): DialectConnection {
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url);
  // 'sqlite:/abs/path.db', 'sqlite:///abs/path.db', 'sqlite:relative.db' or a plain path.
  const path = url.replace(/^sqlite:(\/\/(?=\/))?/i, '');
  if (path === '') throw new Error('DATABASE_URL names no SQLite file');
  return openSqlite(path, notice);
}

/**
 * Repositories that use the transaction running in the caller's async context, if one of
 * this database runs, else `outside`. On SQLite (one connection) a query outside the
 * running transaction would wait for it forever; on PostgreSQL it would not see its writes.
 */
function contextualRepositories(owner: object, outside: Repositories): Repositories {
  // Plain forwarding methods, made once: a Proxy with a bind per call cost every repository
  // call an allocation and a closure (each thread read makes five).
  const route = <K extends keyof Repositories>(key: K): Repositories[K] => {
    const target = outside[key] as object;
    const current = (): Record<PropertyKey, unknown> => {
      const store = runningTransaction.getStore();
      return (store?.owner === owner ? store.repositories[key] : target) as Record<PropertyKey, unknown>;
    };
    const routed: Record<PropertyKey, unknown> = {};
    const names = new Set<PropertyKey>();
    for (let level: object | null = target; level && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
      for (const name of Reflect.ownKeys(level)) if (name !== 'constructor') names.add(name);
    }
    for (const name of names) {
      if (typeof (target as Record<PropertyKey, unknown>)[name] === 'function') {
        routed[name] = function (...args: unknown[]) {
          const repository = current();
          return (repository[name] as (...values: unknown[]) => unknown).apply(repository, args);
        };
      } else {
        Object.defineProperty(routed, name, { get: () => current()[name], enumerable: true });
      }
    }
    return routed as unknown as Repositories[K];
  };
  const routed = {} as Record<keyof Repositories, unknown>;
  for (const key of Object.keys(outside) as (keyof Repositories)[]) routed[key] = route(key);
  return routed as Repositories;
}

/**
 * url: 'postgres://…' or 'postgresql://…' → PostgreSQL; 'sqlite:/abs/path.db' or a file path → SQLite.
 * `notice` hears what the connection changed on the way (an SQLite file's mode made private).
 */
export async function connectDatabase(options: {
  url: string;
  notice?: (message: string) => void;
}): Promise<QuorumDatabase> {
  const connection = openDialect(options.url, options.notice);
  const { kysely, capabilities, migrations, migrationTransaction } = connection;
  const owner = {};
  const unitOfWork: UnitOfWork<Repositories> = {
    transaction(work) {
      const store = runningTransaction.getStore();
      // A transaction started inside another one joins it (no nested transactions).
      if (store?.owner === owner) return work(store.repositories);
      return kysely
        .transaction()
        .execute((trx) => {
          const repositories = createRepositories(trx, capabilities);
          return inTransactionContext({ owner, repositories }, () => work(repositories));
        })
        .catch((error: unknown) => {
          // Use cases look up what they refer to first; a foreign key that still fails means it
          // went meanwhile (an account erased while its request ran): gone, not a server fault.
          if (capabilities.foreignKeyViolation(error)) throw new DomainError('NOT_FOUND', 'What this change refers to no longer exists.');
          throw error;
        });
    },
  };
  return {
    dialect: capabilities.name,
    kysely,
    repositories: contextualRepositories(owner, createRepositories(kysely, capabilities)),
    unitOfWork,
    async migrate(migrateOptions) {
      await migrateToLatest(migrations, migrationTransaction, migrateOptions);
    },
    readSnapshot: (work) =>
      connection.readSnapshot((snapshot) => work(createRepositories(snapshot, capabilities))),
    checkpoint: () => connection.checkpoint(),
    close: () => connection.close(),
  };
}

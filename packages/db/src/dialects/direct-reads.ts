import type { Kysely } from 'kysely';

/** Runs one read statement at once, outside any transaction, and returns its rows. */
export type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[];

const directReads = new WeakMap<object, DirectRead>();

/** Lets hot reads on `kysely` (never its transactions) skip Kysely's executor: see `directReadOf`. */
export function allowDirectReads(kysely: Kysely<never>, read: DirectRead): void {
  directReads.set(kysely, read);
}

/**
 * The direct read of a database's root query builder, if its dialect has one (an SQLite file:
 * a read-only connection of its own, decision 036). A transaction's builder has none: its
 * reads must see its own writes.
 */
export function directReadOf(db: Kysely<never>): DirectRead | undefined {
  return db.isTransaction ? undefined : directReads.get(db);
}

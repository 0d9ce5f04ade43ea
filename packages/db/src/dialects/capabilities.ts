import type { Expression, Kysely, Migration, RawBuilder, SqlBool } from 'kysely';
import type { MigrationTransaction } from '../migrator.js';
import type { Database } from '../schema/database.js';

export type DialectName = 'sqlite' | 'postgres';

/** A unique or primary-key constraint a write ran into, in one shape for both dialects. */
export interface UniqueViolation {
  table: string;
  columns: string[];
  /** The unique index's name, when the dialect names it (always for expression indexes). */
  index: string | null;
}

/**
 * Everything repositories need to know about the dialect, in one small object:
 * how values are written and read, and how a unique violation is recognised.
 */
export interface DialectCapabilities {
  name: DialectName;
  toTimestamp(date: Date): Date | string;
  fromTimestamp(value: Date | string): Date;
  toFlag(value: boolean): boolean | number;
  fromFlag(value: boolean | number): boolean;
  /** JSON text for a JSON column (text in SQLite, jsonb in PostgreSQL). */
  toJson(value: unknown): string;
  /** The value of a JSON column as read by the driver (text in SQLite, parsed by pg). */
  fromJson(value: unknown): unknown;
  /** Whether a claiming SELECT may use FOR UPDATE SKIP LOCKED (SQLite serializes writers instead). */
  skipLocked: boolean;
  /**
   * Whether reads that guard a write must lock the rows they read (SELECT … FOR UPDATE):
   * PostgreSQL runs transactions side by side; SQLite runs one write transaction at a time
   * (BEGIN IMMEDIATE), so what it reads stays true until it commits.
   */
  rowLocks: boolean;
  uniqueViolation(error: unknown): UniqueViolation | null;
  /** A row this write refers to is gone (deleted meanwhile, e.g. by an erasure). */
  foreignKeyViolation(error: unknown): boolean;
  /**
   * "`text` contains `term`", case-insensitive for every script (Ä matches ä), every character
   * of the term taken literally.
   */
  containsText(text: Expression<string>, term: string): RawBuilder<SqlBool>;
  /** Whether a JSON column's value (a scalar, or any element of an array) as text is one of `values`. */
  jsonHasAnyOf(json: Expression<unknown>, values: readonly string[]): RawBuilder<boolean>;
}

/** An open database of one dialect, before repositories are built on it. */
export interface DialectConnection {
  kysely: Kysely<Database>;
  capabilities: DialectCapabilities;
  migrations: Record<string, Migration>;
  /** One transaction holding the migration lock (see migrator.ts). */
  migrationTransaction: MigrationTransaction;
  /**
   * Runs `work` in one read-only transaction: everything it reads is the state of one
   * moment, and it blocks no writer meanwhile.
   */
  readSnapshot<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** See QuorumDatabase.checkpoint. */
  checkpoint(): Promise<boolean>;
  /** Closes every connection. */
  close(): Promise<void>;
}

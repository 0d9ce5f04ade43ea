import type { ColumnType } from 'kysely';

/**
 * Column types shared by both dialects. SQLite stores timestamps as ISO-8601 UTC text and
 * booleans as 0/1; PostgreSQL uses timestamptz and boolean. The dialect's capability object
 * converts in both directions, so repositories never see the difference.
 */
export type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
export type Flag = ColumnType<boolean | number, boolean | number, boolean | number>;
/**
 * A JSON document: text in SQLite, jsonb in PostgreSQL. Written as JSON text on both
 * (capabilities.toJson); read back as text or as parsed value (capabilities.fromJson).
 */
export type Json = ColumnType<unknown, string, string>;
/** Bytes: blob in SQLite, bytea in PostgreSQL; both drivers hand out Buffers. */
export type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

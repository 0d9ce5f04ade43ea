import type { ColumnType } from 'kysely';

/**
 * Column types shared by both dialects. SQLite stores timestamps as ISO-8601 UTC text and
 * booleans as 0/1; PostgreSQL uses timestamptz and boolean. The dialect's capability object
 * converts in both directions, so repositories never see the difference.
 */
export type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
export type Flag = ColumnType<boolean | number, boolean | number, boolean | number>;

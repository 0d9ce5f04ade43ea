import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { CursorValue, KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database } from '../schema/database.js';
import type { CompiledQueries } from './compiled-queries.js';

/**
 * One column of a list's order. The last key column must be unique within the list (an
 * id), so every row has exactly one position and no row is skipped or shown twice.
 * Key columns must not be NULL.
 */
export interface KeyColumn<Row> {
  /** A column reference as the query names it, e.g. 'm.joined_at'. */
  ref: string;
  order: 'asc' | 'desc';
  /** 'integer': a 32-bit column (PostgreSQL's integer). */
  kind: 'text' | 'timestamp' | 'integer';
  /** The row's value of this column, as a cursor carries it (timestamps as ISO text). */
  of(row: Row): CursorValue;
}

function invalidCursor(): DomainError {
  return new DomainError('VALIDATION', 'cursor_invalid', { field: 'cursor' });
}

const [INT32_MIN, INT32_MAX] = [-(2 ** 31), 2 ** 31 - 1];

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor's key value as a query parameter; a value of the wrong kind is a bad cursor, never a 500. */
function keyParameter(kind: KeyColumn<unknown>['kind'], value: CursorValue, caps: DialectCapabilities): unknown {
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') throw invalidCursor();
      return value;
    case 'integer':
      // Integer key columns are 32-bit (PostgreSQL's integer): a larger value fails the
      // query there, and SQLite would take it; refused alike on both.
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw invalidCursor();
      return value;
    case 'timestamp': {
      const date = typeof value === 'string' && isoTimestamp.test(value) ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime())) throw invalidCursor();
      return caps.toTimestamp(date);
    }
  }
}

/**
 * "Comes after `key` in this order": (k1 > v1) or (k1 = v1 and k2 > v2) or …, with each
 * comparison flipped for a descending column — the same on SQLite and PostgreSQL, and
 * mixed directions need no row-value syntax.
 */
function beyond(keys: readonly KeyColumn<unknown>[], values: readonly unknown[], forward: boolean): RawBuilder<SqlBool> {
  const alternatives = keys.map((key, index) => {
    const ascending = (key.order === 'asc') === forward;
    const equalities = keys.slice(0, index).map((earlier, at) => sql`${sql.ref(earlier.ref)} = ${values[at]}`);
    const step = sql`${sql.ref(key.ref)} ${sql.raw(ascending ? '>' : '<')} ${values[index]}`;
    return sql`(${sql.join([...equalities, step], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
}

/**
 * Reads one page of `query` (filtered and selected, not ordered) in the order of `keys`,
 * and counts every row the filters match. Backward pages are read in reverse order and
 * turned around, so items always come in list order.
 */
export async function keysetPage<Row>(options: {
  db: Kysely<Database>;
  caps: DialectCapabilities;
  // Any list's query: its tables and joins are its own business.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query: SelectQueryBuilder<any, any, Row>;
  keys: readonly KeyColumn<Row>[];
  request: PageRequest;
  /** The same rows by a cheaper query (e.g. without joins only the page needs); default: `query`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  countQuery?: SelectQueryBuilder<any, any, unknown>;
  /** The total when it is kept elsewhere (a thread's post count): no count query runs. */
  total?: number;
  /**
   * For hot lists: the page query compiled once per shape (compiled-queries.ts). `key` names
   * the dialect and every flag that shapes `build`'s SQL; `build` is `query` with its
   * parameters as `param(name)` placeholders, `values` their values.
   */
  compiled?: {
    queries: CompiledQueries;
    key: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    build(param: <T>(name: string) => T): SelectQueryBuilder<any, any, Row>;
    values: Record<string, unknown>;
  };
}): Promise<KeysetPage<Row>> {
  const { db, caps, query, keys, request, compiled } = options;
  const { position, limit } = request;
  if (position && position.key.length !== keys.length) throw invalidCursor();
  const forward = position?.direction !== 'before';
  const values = position ? keys.map((key, index) => keyParameter(key.kind, position.key[index]!, caps)) : [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const paginate = (base: SelectQueryBuilder<any, any, Row>, keyValues: readonly unknown[], pageLimit: unknown) => {
    let paged = base;
    if (position) paged = paged.where(beyond(keys as readonly KeyColumn<unknown>[], keyValues, forward));
    for (const key of keys) {
      const ascending = (key.order === 'asc') === forward;
      paged = paged.orderBy(sql.ref(key.ref), ascending ? 'asc' : 'desc');
    }
    return paged.limit(pageLimit as number);
  };
  const readRows = compiled
    ? compiled.queries.run<Row>(
        db as Kysely<never>,
        `${compiled.key}:${position ? (forward ? 'after' : 'before') : 'first'}`,
        (param) => paginate(compiled.build(param), values.map((_, index) => param(`key${index}`)), param('limit')),
        { ...compiled.values, ...Object.fromEntries(values.map((value, index) => [`key${index}`, value])), limit: limit + 1 },
      )
    : paginate(query, values, limit + 1).execute();
  const [rows, total] = await Promise.all([
    readRows,
    options.total ??
      db
        .selectFrom((options.countQuery ?? query).as('listed'))
        .select(sql<number | string | bigint>`count(*)`.as('total'))
        .executeTakeFirstOrThrow()
        .then((counted) => Number(counted.total)),
  ]);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (!forward) items.reverse();
  const keyOf = (row: Row | undefined) => (row === undefined ? null : keys.map((key) => key.of(row)));
  return {
    items,
    total,
    firstKey: keyOf(items[0]),
    lastKey: keyOf(items.at(-1)),
    hasBefore: forward ? position !== null : more,
    hasAfter: forward ? more : true,
  };
}

/** The same page with its items mapped to domain objects. */
export function mapPage<Row, T>(page: KeysetPage<Row>, map: (row: Row) => T): KeysetPage<T> {
  return { ...page, items: page.items.map(map) };
}

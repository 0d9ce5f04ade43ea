import { sql } from 'kysely';
import type { QuorumDatabase } from '../connect.js';

export interface CatalogColumn {
  name: string;
  /** As the dialect declares it: e.g. 'text', 'blob' (SQLite); 'timestamp with time zone', 'jsonb' (PostgreSQL). */
  type: string;
}

/** The real tables of a database and their columns, read from the dialect's catalog. */
export async function readCatalog(db: QuorumDatabase): Promise<Map<string, CatalogColumn[]>> {
  const catalog = new Map<string, CatalogColumn[]>();
  if (db.dialect === 'sqlite') {
    const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
    for (const { name } of tables) {
      const { rows } = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(db.kysely);
      catalog.set(name, rows.map((row) => ({ name: row.name, type: row.type.toLowerCase() })));
    }
  } else {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select c.table_name, c.column_name, c.data_type
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(db.kysely);
    for (const row of rows) {
      const columns = catalog.get(row.table_name) ?? [];
      columns.push({ name: row.column_name, type: row.data_type });
      catalog.set(row.table_name, columns);
    }
  }
  return catalog;
}

const isBytes = (type: string) => type === 'blob' || type === 'bytea';

/**
 * Every stored value of every column of every table, as the database renders it as text
 * (`cast(… as text)`), bytes as bytes: what an erasure scan searches.
 */
export async function dumpAllValues(db: QuorumDatabase): Promise<{ table: string; column: string; value: string | Buffer }[]> {
  const found: { table: string; column: string; value: string | Buffer }[] = [];
  for (const [table, columns] of await readCatalog(db)) {
    const selections = columns.map((column) =>
      isBytes(column.type) ? sql`${sql.ref(column.name)} as ${sql.id(column.name)}` : sql`cast(${sql.ref(column.name)} as text) as ${sql.id(column.name)}`,
    );
    const { rows } = await sql<Record<string, string | Buffer | null>>`select ${sql.join(selections)} from ${sql.table(table)}`.execute(db.kysely);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) if (value !== null) found.push({ table, column, value });
    }
  }
  return found;
}

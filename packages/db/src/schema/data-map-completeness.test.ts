import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataMap, isByCommunityPolicy } from '@quorum/domain/privacy/data-map';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { readCatalog, type CatalogColumn } from '../testing/schema-catalog.js';
import { columnKinds } from './column-kinds.js';

/** The personal-data map must name every table of the schema, and only real tables and columns. */
describe.each(testDialects)('data map against the migrated schema on $name', (dialect) => {
  let db: QuorumDatabase;
  let catalog: Map<string, CatalogColumn[]>;
  beforeAll(async () => {
    db = await dialect.create();
    catalog = await readCatalog(db);
  });
  afterAll(() => db?.close());

  it('lists every table of the schema, and no table that does not exist', () => {
    const real = [...catalog.keys()].sort();
    const mapped = dataMap.map((entry) => entry.table).sort();
    expect(real.filter((table) => !mapped.includes(table)), 'tables missing from the data map').toEqual([]);
    expect(mapped.filter((table) => !real.includes(table)), 'data map entries without a table').toEqual([]);
    expect(real.length).toBeGreaterThan(15);
  });

  it('names only columns that exist', () => {
    const missing: string[] = [];
    for (const entry of dataMap) {
      if (!entry.personal) continue;
      const columns = new Set(catalog.get(entry.table)?.map((column) => column.name));
      const named = [
        ...Object.keys(entry.columns),
        ...Object.keys(entry.subjects),
        ...(entry.secretColumns ?? []),
        ...Object.values(entry.actedOn ?? {}).flat(),
        ...Object.values(entry.subjects).flatMap((action) =>
          isByCommunityPolicy(action)
            ? [action.community, ...Object.values(action.byPolicy).flatMap((erasure) => [...(erasure.blank ?? []), ...(erasure.stamp ?? [])])]
            : [],
        ),
      ];
      for (const column of named)
        if (!columns.has(column)) missing.push(`${entry.table}.${column}`);
    }
    expect(missing).toEqual([]);
  });

  it('has column kinds (for the export) for every table, naming only real columns', () => {
    expect(Object.keys(columnKinds).sort()).toEqual([...catalog.keys()].sort());
    for (const [table, kinds] of Object.entries(columnKinds)) {
      const columns = new Set(catalog.get(table)?.map((column) => column.name));
      for (const column of Object.keys(kinds)) expect(columns.has(column), `${table}.${column}`).toBe(true);
    }
  });

  // PostgreSQL declares every kind (timestamptz, boolean, jsonb, bytea); SQLite only bytes (blob).
  it('has column kinds matching the types the database declares', () => {
    const kindOfType: Record<string, string> =
      dialect.name === 'postgres' ? { 'timestamp with time zone': 'timestamp', boolean: 'flag', jsonb: 'json', bytea: 'bytes' } : { blob: 'bytes' };
    const declared = new Set(Object.values(kindOfType));
    const fromCatalog: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const [table, columns] of catalog) {
      fromCatalog[table] = Object.fromEntries(
        columns.flatMap((column) => {
          const kind = kindOfType[column.type];
          return kind ? [[column.name, kind]] : [];
        }),
      );
      expected[table] = Object.fromEntries(Object.entries(columnKinds[table] ?? {}).filter(([, kind]) => declared.has(kind)));
    }
    expect(fromCatalog).toEqual(expected);
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postgresMigrations } from './postgres/index.js';
import { sqliteMigrations } from './sqlite/index.js';

const migrationFiles = (dialect: string) =>
  readdirSync(new URL(`./${dialect}/`, import.meta.url))
    .filter((file) => /^\d{4}-.+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();

describe('migrations', () => {
  it('have the same file names for SQLite and PostgreSQL', () => {
    expect(migrationFiles('sqlite')).toEqual(migrationFiles('postgres'));
    expect(migrationFiles('sqlite').length).toBeGreaterThan(0);
  });

  it('are all registered with the static provider', () => {
    expect(Object.keys(sqliteMigrations).sort()).toEqual(migrationFiles('sqlite'));
    expect(Object.keys(postgresMigrations).sort()).toEqual(migrationFiles('postgres'));
  });
});

import { describe, expect, it } from 'vitest';
import { dataMap, personalTables } from './data-map.js';
import { recordsOfProcessing } from './privacy-use-cases.js';
import { retentionCutoff, retentionRule, retentionRules } from './retention.js';

describe('the personal-data map', () => {
  it('lists every table once', () => {
    const tables = dataMap.map((entry) => entry.table);
    expect(new Set(tables).size).toBe(tables.length);
  });
  it('gives every personal table a way to find the member, and every exclusion a reason', () => {
    for (const entry of dataMap) {
      if (entry.personal) {
        expect(Object.keys(entry.subjects).length + (entry.reachedThrough?.length ?? 0), entry.table).toBeGreaterThan(0);
        for (const link of entry.reachedThrough ?? []) expect(personalTables().map((other) => other.table), entry.table).toContain(link.table);
        if (typeof entry.export === 'object') expect(entry.export.exclude.length).toBeGreaterThan(10);
      } else {
        expect(entry.reason.length, entry.table).toBeGreaterThan(10);
      }
    }
  });
  it('erases accounts last, after every row that refers to them', () => {
    expect(personalTables().at(-1)?.table).toBe('accounts');
  });
  it('never exports credential hashes', () => {
    const accounts = personalTables().find((entry) => entry.table === 'accounts');
    expect(accounts?.secretColumns).toContain('password_hash');
    expect(Object.keys(accounts?.columns ?? {})).not.toContain('password_hash');
  });
  it('exports rows where the member acted on someone else without that person: of the personal columns, only the acting one', () => {
    const acting = personalTables().filter((entry) => entry.actedOn);
    expect(acting.map((entry) => entry.table)).toEqual(['join_requests', 'audit_log', 'posts', 'surveys']);
    for (const entry of acting) {
      for (const [column, kept] of Object.entries(entry.actedOn ?? {})) {
        expect(Object.keys(entry.subjects), entry.table).toContain(column);
        const personalColumns = new Set([
          ...Object.keys(entry.columns),
          ...Object.keys(entry.subjects),
        ]);
        expect(
          kept.filter((name) => personalColumns.has(name)),
          entry.table,
        ).toEqual([column]);
      }
    }
  });
  it('blanks the member in free-text columns of rows that are kept (pseudonymized), each a personal column', () => {
    for (const entry of personalTables()) {
      for (const column of entry.freeText ?? []) {
        expect(Object.keys(entry.columns), entry.table).toContain(column);
        expect(Object.values(entry.subjects), entry.table).toContain('pseudonymize');
      }
    }
  });
  it('names only retention rules that exist, each for its own table', () => {
    for (const entry of personalTables()) {
      if (entry.retention === 'account_lifetime') continue;
      expect(retentionRule(entry.retention).table).toBe(entry.table);
    }
  });
});

describe('retention', () => {
  it('computes the cutoff from the rule’s days', () => {
    const now = new Date('2026-06-30T12:00:00Z');
    const exports = retentionRules.find((rule) => rule.id === 'exports_expired')!;
    expect(retentionCutoff(exports, now).toISOString()).toBe('2026-06-23T12:00:00.000Z');
    expect(retentionCutoff({ days: 0 }, now)).toEqual(now);
  });
});

describe('records of processing', () => {
  it('list under each purpose the tables that hold its data', () => {
    const records = recordsOfProcessing('de');
    const tablesOf = (id: string) => records.find((record) => record.purpose.id === id)?.tables;
    expect(tablesOf('profile_targeting')).toEqual(['profile_values', 'consent_events', 'consent_current']);
    expect(tablesOf('email_notifications')).toEqual(expect.arrayContaining(['accounts', 'consent_events']));
    expect(tablesOf('community_participation')).toContain('memberships');
    expect(records.every((record) => record.recipients.length > 0)).toBe(true);
  });
});

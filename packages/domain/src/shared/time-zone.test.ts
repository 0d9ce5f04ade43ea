import { describe, expect, it } from 'vitest';
import { isTimeZone, timeZoneSchema, utcDay, utcToZoned, zonedToUtc } from './time-zone.js';

describe('time zones', () => {
  it('knows IANA names and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('Europe/Berlin; drop table')).toBe(false);
    expect(timeZoneSchema.safeParse('Moon/Base').error?.issues[0]?.message).toBe('time_zone_invalid');
  });

  it('turns a wall-clock time in a zone into UTC and back, across summer time', () => {
    expect(zonedToUtc('2026-01-15T09:00', 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedToUtc('2026-07-15T09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-15T07:00:00.000Z');
    // The day after each change, and the repeated autumn hour (the earlier instant).
    expect(zonedToUtc('2026-03-30T12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-30T10:00:00.000Z');
    expect(zonedToUtc('2026-10-26T12:00', 'Europe/Berlin').toISOString()).toBe('2026-10-26T11:00:00.000Z');
    expect(zonedToUtc('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 02:30 does not exist on 29 March 2026 in Berlin: read as 03:30 summer time.
    expect(zonedToUtc('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToUtc('2026-07-15T09:00', 'America/New_York').toISOString()).toBe('2026-07-15T13:00:00.000Z');
    expect(utcToZoned(new Date('2026-07-15T07:00:00Z'), 'Europe/Berlin')).toBe('2026-07-15T09:00');
    expect(utcToZoned(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01-01T00:30');
    expect(utcDay(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

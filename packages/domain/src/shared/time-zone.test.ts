import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeZone, timeZoneOffset, timeZoneSchema, utcToZoned, zonedToUtc } from './time-zone.js';

describe('time zones', () => {
  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(timeZoneSchema.safeParse('Europe/Atlantis').error?.issues[0]?.message).toBe('time_zone_invalid');
  });

  it('shows a UTC instant in the zone, summer and winter', () => {
    expect(utcToZoned(new Date('2026-07-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01T12:00');
    expect(utcToZoned(new Date('2026-01-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-01-01T11:00');
    expect(utcToZoned(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31T22:00');
    expect(timeZoneOffset(new Date('2026-07-01T10:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('turns a local time into UTC', () => {
    expect(zonedToUtc('2026-07-01T12:00', 'Europe/Berlin')).toEqual(new Date('2026-07-01T10:00:00Z'));
    expect(zonedToUtc('2026-12-24T18:30', 'America/New_York')).toEqual(new Date('2026-12-24T23:30:00Z'));
    expect(zonedToUtc('2026-01-01T00:00', 'UTC')).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('moves a time in the spring gap forward and takes the earlier of a doubled autumn hour', () => {
    // Berlin skips 02:00–03:00 on 29 March 2026 and repeats 02:00–03:00 on 25 October.
    expect(zonedToUtc('2026-03-29T02:30', 'Europe/Berlin')).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(utcToZoned(zonedToUtc('2026-03-29T02:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-29T03:30');
    expect(zonedToUtc('2026-10-25T02:30', 'Europe/Berlin')).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(zonedToUtc('2026-03-08T02:30', 'America/New_York')).toEqual(new Date('2026-03-08T07:30:00Z'));
  });

  it('refuses what is not a local time', () => {
    expect(() => zonedToUtc('2026-02-30T10:00', 'Europe/Berlin')).toThrow(RangeError);
    expect(() => zonedToUtc('tomorrow', 'Europe/Berlin')).toThrow(RangeError);
  });

  it('round-trips every whole minute outside the gaps (property)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const instant = new Date(minute * 60_000);
        const local = utcToZoned(instant, zone);
        const back = zonedToUtc(local, zone);
        // Equal, or the later twin of a doubled hour mapped to the earlier one.
        expect(utcToZoned(back, zone)).toBe(local);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

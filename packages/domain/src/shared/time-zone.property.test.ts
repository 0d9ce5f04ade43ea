import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeZoneOffset, utcToZoned, zonedToUtc } from './time-zone.js';

// Examples live in time-zone.test.ts; these hold the conversions for any instant.
describe('time zones (properties)', () => {
  it('round-trips every whole minute, half-hour and 45-minute zones included', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const instant = new Date(minute * 60_000);
        const local = utcToZoned(instant, zone);
        const back = zonedToUtc(local, zone);
        // The same instant — or, in a doubled autumn hour, its earlier twin.
        expect(utcToZoned(back, zone)).toBe(local);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(Math.abs(timeZoneOffset(instant, zone) - timeZoneOffset(back, zone)));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not a local time', () => {
    expect(() => zonedToUtc('2026-02-30T10:00', 'Europe/Berlin')).toThrow(RangeError);
    expect(() => zonedToUtc('tomorrow', 'Europe/Berlin')).toThrow(RangeError);
  });
});

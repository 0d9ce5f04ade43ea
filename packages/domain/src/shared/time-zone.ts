import { z } from 'zod';

/**
 * Times are stored in UTC and entered and shown in a community's IANA time zone.
 * Only `Intl` is used (no library): both Node and browsers carry the tz database.
 */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().max(64).refine(isTimeZone, { error: 'time_zone_invalid' });

/** Local wall-clock time, minutes precision: `YYYY-MM-DDTHH:mm` (what `<input type="datetime-local">` gives). */
export const localDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'local_time_invalid' });

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's wall clock at an instant, as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** Offset of the zone from UTC at an instant, in ms (Berlin in summer: +2 h). */
export function timeZoneOffset(instant: Date, timeZone: string): number {
  const at = Math.floor(instant.getTime() / 1000) * 1000;
  return wallClock(at, timeZone) - at;
}

/** A UTC instant shown in the zone: `YYYY-MM-DDTHH:mm`. */
export function utcToZoned(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + timeZoneOffset(instant, timeZone)).toISOString().slice(0, 16);
}

/**
 * The UTC instant of a wall-clock time in the zone. A time that does not exist (the
 * hour skipped when clocks go forward) moves forward by the gap; a time that exists
 * twice (clocks go back) is the earlier of the two — as calendars usually do.
 */
export function zonedToUtc(local: string, timeZone: string): Date {
  const parsed = localDateTimeSchema.safeParse(local);
  const wall = Date.parse(`${local}:00Z`);
  if (!parsed.success || Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local) throw new RangeError(`Not a local time: ${local}`);
  // Try the offsets in force around that time; take the earliest instant that shows this wall clock.
  const offsets = new Set([timeZoneOffset(new Date(wall - 86_400_000), timeZone), timeZoneOffset(new Date(wall + 86_400_000), timeZone)]);
  const candidates = [...offsets].map((offset) => wall - offset).filter((instant) => wallClock(instant, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: use the offset before the change, which lands after the gap.
  return new Date(wall - Math.min(...offsets));
}

/** Communities made before time zones existed, and new ones unless their owner picks another. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** The calendar day of an instant in UTC, `YYYY-MM-DD`: the finest date anonymous records keep. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

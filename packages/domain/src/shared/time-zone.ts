import { z } from 'zod';

/**
 * Time zones are IANA names ("Europe/Berlin"). Times are stored in UTC and entered and
 * shown in the community's zone; these helpers convert with the runtime's own time-zone
 * data (Intl), the same in Node and in the browser.
 */
export const DEFAULT_TIME_ZONE = 'UTC';

export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string({ error: 'time_zone_invalid' }).trim().refine(isTimeZone, { error: 'time_zone_invalid' });

/** A wall-clock time as a form enters it: `YYYY-MM-DDTHH:mm` (an `<input type="datetime-local">`). */
export const localDateTimeSchema = z
  .string({ error: 'date_time_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'date_time_invalid' });

const parts = (date: Date, timeZone: string) => {
  const formatted = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(formatted.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
};

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time in the zone names. In a spring-forward gap the time is
 * read with the offset before the change (02:30 → 03:30 summer time); in the repeated hour
 * of autumn the earlier instant is taken.
 */
export function zonedToUtc(local: string, timeZone: string): Date {
  const [date, time] = local.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(new Date(asUtc - 86_400_000), timeZone);
  const candidate = asUtc - before;
  const after = offsetAt(new Date(candidate), timeZone);
  if (after === before) return new Date(candidate);
  // The offset changed within the last day: take the one that reads back as the wall time;
  // none does in a spring-forward gap, where the offset before the change applies.
  const shifted = new Date(asUtc - after);
  return utcToZoned(shifted, timeZone) === local ? shifted : new Date(candidate);
}

/** The wall-clock time of an instant in the zone, as `YYYY-MM-DDTHH:mm` (for a form). */
export function utcToZoned(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The calendar day of an instant in UTC, `YYYY-MM-DD`: the finest date anonymous records keep. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

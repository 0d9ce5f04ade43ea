/** The only source of "now" a rule sees: passed in, so tests can move time. */
export interface Clock {
  now(): Date;
}

export function fixedClock(at: Date | string): Clock & { advance(ms: number): void; set(to: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
    set(to) {
      current = new Date(to);
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

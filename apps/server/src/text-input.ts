/**
 * Where the first string holding a NUL character sits in a client's input (its path, as
 * zod gives paths), or null. PostgreSQL text cannot store NUL, and SQLite's GLOB stops at
 * one, so no string a client sends may hold it. The walk is iterative and visits each value
 * once: any input, however deep, costs linear time.
 */
export function nulCharacterPath(input: unknown): (string | number)[] | null {
  interface Visit {
    value: unknown;
    key: string | number | null;
    parent: Visit | null;
  }
  const pending: Visit[] = [{ value: input, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(visit);
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => pending.push({ value: item, key: index, parent: visit! }));
    } else if (value !== null && typeof value === 'object') {
      // Keys are strings a client sends, too.
      for (const [key, item] of Object.entries(value)) {
        const entry: Visit = { value: item, key, parent: visit };
        if (key.includes('\u0000')) return pathOf(entry);
        pending.push(entry);
      }
    }
  }
  return null;
}

function pathOf(visit: { key: string | number | null; parent: typeof visit | null }): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: typeof visit | null = visit; at && at.key !== null; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * Text no database may be given: a NUL character (PostgreSQL text cannot hold one, SQLite's
 * GLOB stops at it) or half a character — a UTF-16 surrogate without its partner, which
 * PostgreSQL's JSON columns refuse and its text columns would silently replace.
 */
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where the first string that cannot be stored sits in a client's input (its path, as zod
 * gives paths), or null. Keys count as strings too. The walk is iterative and visits each
 * value once: any input, however deep, costs linear time.
 */
export function unstorableTextPath(input: unknown): (string | number)[] | null {
  interface Visit {
    value: unknown;
    key: string | number | null;
    parent: Visit | null;
  }
  const pending: Visit[] = [{ value: input, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === 'string') {
      if (unstorable.test(value)) return pathOf(visit);
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => pending.push({ value: item, key: index, parent: visit! }));
    } else if (value !== null && typeof value === 'object') {
      // Keys are strings a client sends, too.
      for (const [key, item] of Object.entries(value)) {
        const entry: Visit = { value: item, key, parent: visit };
        if (unstorable.test(key)) return pathOf(entry);
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

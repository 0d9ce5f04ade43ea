/**
 * The body that made superjson rebuild a Set once per referential equality (issue 7.1):
 * every entry of `meta.referentialEqualities` points into the Set, so deserializing costs
 * entries × set size — about 100 KB froze the event loop for seconds.
 */
export function quadraticSuperjsonBody(entries: number, json: Record<string, unknown> = {}) {
  return {
    json: { ...json, o: Array.from({ length: entries }, () => ({})), s: Array.from({ length: entries }, (_, i) => i) },
    meta: {
      values: { s: ['set'] as ['set'] },
      referentialEqualities: Object.fromEntries(Array.from({ length: entries }, (_, i) => [`o.${i}`, [`s.${i}`]])),
    },
  };
}

import superjson from 'superjson';

/**
 * Input is untrusted, so the server reads it as the plain JSON its HTTP body already is:
 * superjson's `meta` (referentialEqualities, Set and Map paths) would let one request make
 * the server walk a collection once per entry — quadratic in the body's size. No input
 * needs Dates, Sets or Maps; zod validates what arrives. Output is ours and keeps superjson,
 * so the browser gets Dates back. The web's client uses the same pair (apps/web/src/trpc.ts).
 */
export const plainJson = {
  serialize: (value: unknown): unknown => value,
  deserialize: (value: unknown): unknown => value,
};

export const transformer = { input: plainJson, output: superjson };

import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { quadraticSuperjsonBody } from './testing/crafted-bodies.js';
import { transformer } from './transformer.js';

describe('the tRPC transformer', () => {
  it('reads input as plain JSON: superjson meta builds no Set and resolves no equality', () => {
    const body = quadraticSuperjsonBody(3);
    const input = transformer.input.deserialize(JSON.parse(JSON.stringify(body)));
    expect(input).toEqual(body);
    expect((input as typeof body).json.s).toBeInstanceOf(Array);
    // What superjson would have made of the same body: a Set of the referenced objects.
    expect(superjson.deserialize<{ s: unknown }>(body).s).toBeInstanceOf(Set);
  });

  it('keeps superjson for output, so Dates reach the browser as Dates', () => {
    const at = new Date('2026-03-02T09:00:00.000Z');
    const wire = JSON.parse(JSON.stringify(transformer.output.serialize({ at }))) as Parameters<typeof superjson.deserialize>[0];
    expect(superjson.deserialize<{ at: Date }>(wire).at).toEqual(at);
  });
});

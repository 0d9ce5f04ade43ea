import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/shared/sha256.js';

// Node's own SHA-256 as the oracle; it lives outside src/ because the domain imports no node:*.
describe('sha256Hex', () => {
  it('agrees with Node’s implementation on any text, across block boundaries (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });
});

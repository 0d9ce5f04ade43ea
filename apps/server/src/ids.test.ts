import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes distinct UUIDv7s whose first 48 bits are the time in ms', () => {
    const before = Date.now();
    const ids = Array.from({ length: 1000 }, () => newId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
    // Random bits differ even within one millisecond (drawn from the pool, never reused).
    expect(new Set(ids.map((id) => id.slice(15))).size).toBe(1000);
  });
});

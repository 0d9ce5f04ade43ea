import { describe, expect, it } from 'vitest';
import { formatBytes } from './privacy-format';

describe('formatBytes', () => {
  it('picks the unit and writes numbers the way the language does', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(12_600, 'en')).toBe('12.3 kB');
    expect(formatBytes(12_600, 'de')).toBe('12,3 kB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
  });
});

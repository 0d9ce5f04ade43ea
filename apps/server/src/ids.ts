import { randomFillSync } from 'node:crypto';
import type { Id, IdGenerator } from '@quorum/domain/shared/ids';

// Random bytes drawn in batches, as crypto.randomUUID does: one system call per 256 ids
// instead of one per id (every request makes at least one, its request id).
const pool = Buffer.alloc(16 * 256);
let offset = pool.length;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by
 * creation time (index-friendly) without revealing counts.
 */
export const newId: IdGenerator = (): Id => {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + 16));
  offset += 16;
  const ms = Date.now();
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

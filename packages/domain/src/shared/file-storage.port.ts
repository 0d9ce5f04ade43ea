import { z } from 'zod';

/**
 * Files kept beside the database — member exports now, uploads later — addressed by keys
 * such as `exports/<id>.zip`. The adapter keeps them private to the server's user; several
 * processes must share it like they share the database.
 */
export const fileKeySchema = z
  .string()
  .max(200)
  // Keys come from code, never from a form: zod's own message is enough.
  .regex(/^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9._-]*)+$/);

export interface StoredFile {
  sizeBytes: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface FileStorage {
  /**
   * Writes `chunks` to `key` as they come (the whole file is never held in memory). The file
   * appears under its key only once complete, replacing an older one; a write that fails
   * leaves nothing under the key. Returns the size in bytes.
   */
  write(key: string, chunks: AsyncIterable<Uint8Array | string>): Promise<number>;
  /** The file as a stream, or null when there is none. */
  read(key: string): Promise<StoredFile | null>;
  /** Removes the file; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  /** The keys of complete files under `prefix` (e.g. `exports/`). */
  list(prefix: string): Promise<string[]>;
  /** Removes what writes left behind that never finished (a crash mid-write) and began before `before`. */
  removeIncomplete(before: Date): Promise<number>;
}

import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStorage } from '@quorum/domain/shared/file-storage.port';
import { createLocalFileStorage } from './local-file-storage.js';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

async function readAll(storage: FileStorage, key: string): Promise<Buffer | null> {
  const file = await storage.read(key);
  if (!file) return null;
  const parts: Uint8Array[] = [];
  for await (const chunk of file.chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('local file storage', () => {
  let root: string;
  let storage: FileStorage;
  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'quorum-files-')), 'files');
    storage = createLocalFileStorage(root);
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('writes a stream byte for byte into a file only the server’s user may read', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    async function* pieces() {
      yield 'Grüße, ';
      yield bytes;
      yield new Uint8Array(0);
    }
    expect(await storage.write('exports/a.zip', pieces())).toBe(Buffer.byteLength('Grüße, ') + 256);
    expect(await readAll(storage, 'exports/a.zip')).toEqual(Buffer.concat([Buffer.from('Grüße, '), bytes]));
    expect((await storage.read('exports/a.zip'))?.sizeBytes).toBe(Buffer.byteLength('Grüße, ') + 256);
    expect([mode(root), mode(join(root, 'exports')), mode(join(root, 'exports', 'a.zip'))]).toEqual(['700', '700', '600']);
    expect(await storage.list('exports/')).toEqual(['exports/a.zip']);
  });

  it('leaves nothing under the key when the stream fails, and keeps the older file', async () => {
    await storage.write('exports/a.zip', (async function* () { yield 'old'; })());
    async function* failing() {
      yield 'new, half';
      throw new Error('the database went away');
    }
    await expect(storage.write('exports/a.zip', failing())).rejects.toThrow('the database went away');
    await expect(storage.write('exports/b.zip', failing())).rejects.toThrow('the database went away');
    expect((await readAll(storage, 'exports/a.zip'))?.toString()).toBe('old');
    expect(await storage.read('exports/b.zip')).toBeNull();
    expect(readdirSync(join(root, 'exports'))).toEqual(['a.zip']);
  });

  it('deletes, lists complete files only, and removes what crashed writes left behind', async () => {
    await storage.write('exports/a.zip', (async function* () { yield 'a'; })());
    await storage.write('exports/b.zip', (async function* () { yield 'b'; })());
    const stale = join(root, 'exports', 'c.zip.partial-0123456789abcdef');
    const fresh = join(root, 'exports', 'd.zip.partial-fedcba9876543210');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'being written');
    utimesSync(stale, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect(await storage.list('exports/')).toEqual(['exports/a.zip', 'exports/b.zip']);
    expect(await storage.removeIncomplete(new Date('2026-01-02T00:00:00Z'))).toBe(1);
    expect(readdirSync(join(root, 'exports')).sort()).toEqual(['a.zip', 'b.zip', 'd.zip.partial-fedcba9876543210']);
    await storage.delete('exports/a.zip');
    await storage.delete('exports/a.zip');
    expect(await storage.list('exports/')).toEqual(['exports/b.zip']);
    expect(await storage.list('uploads/')).toEqual([]);
  });

  it('accepts only plain keys inside its folder', async () => {
    for (const key of ['../escape.zip', 'exports/../../x', '/etc/passwd', 'exports/', 'EXPORTS/a.zip', 'quorum.db', 'exports/.hidden']) {
      await expect(storage.read(key), key).rejects.toThrow();
    }
  });
});

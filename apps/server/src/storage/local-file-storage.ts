import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileKeySchema, type FileStorage } from '@quorum/domain/shared/file-storage.port';

/** A file being written is named `<key>.partial-<random>` until it is complete. */
const PARTIAL = /\.partial-[0-9a-f]{16}$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * The FileStorage port on the local disk, under `root` (DATA_DIR/files): folders 0700,
 * files 0600, written to a temporary name, flushed to disk and then renamed, so a key names
 * a complete file or none. Several processes may share `root` (a shared volume).
 */
export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => join(root, ...fileKeySchema.parse(key).split('/'));

  async function* walk(dir: string): AsyncGenerator<string> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(path);
      else if (entry.isFile()) yield path;
    }
  }

  return {
    async write(key, chunks) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const partial = `${path}.partial-${randomBytes(8).toString('hex')}`;
      const handle = await open(partial, 'wx', 0o600);
      let size = 0;
      try {
        for await (const chunk of chunks) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          await handle.write(bytes);
          size += bytes.byteLength;
        }
        await handle.sync();
        await handle.close();
        await rename(partial, path);
        return size;
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(partial, { force: true });
        throw error;
      }
    },
    async read(key) {
      const path = pathOf(key);
      try {
        const { size } = await stat(path);
        // Opened when read, so a caller that gives up before reading holds no file open.
        return { sizeBytes: size, chunks: (async function* () { yield* createReadStream(path); })() };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      if (!/^[a-z0-9][a-z0-9_-]*\/$/.test(prefix)) throw new Error(`Not a folder prefix: ${prefix}`);
      const keys: string[] = [];
      for await (const path of walk(join(root, prefix))) {
        if (!PARTIAL.test(path)) keys.push(relative(root, path).split(sep).join('/'));
      }
      return keys.sort();
    },
    async removeIncomplete(before) {
      let removed = 0;
      for await (const path of walk(root)) {
        if (!PARTIAL.test(path)) continue;
        try {
          if ((await stat(path)).mtime >= before) continue;
          await rm(path, { force: true });
          removed++;
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
      return removed;
    },
  };
}

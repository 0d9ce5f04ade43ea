import type { QuorumDatabase } from '@quorum/db/connect';
import { exportFileKey, exportIdOfFileKey } from '@quorum/domain/privacy/data-export';
import type { FileStorage } from '@quorum/domain/shared/file-storage.port';

/**
 * Deletes every export file whose export is no longer pending or ready: rows that retention
 * or an erasure deleted, exports that failed. The database decides; the files follow. Safe
 * to run at any time and in several processes.
 */
export async function removeUnusedExportFiles(
  db: QuorumDatabase,
  files: FileStorage,
): Promise<number> {
  const ids = (await files.list('exports/'))
    .map(exportIdOfFileKey)
    .filter((id): id is string => id !== null);
  const keep = new Set(await db.repositories.dataExports.withFiles(ids));
  const unused = ids.filter((id) => !keep.has(id));
  for (const id of unused) await files.delete(exportFileKey(id));
  return unused.length;
}

import type { AppServices } from '../context.js';
import { removeUnusedExportFiles } from './export-files.js';

/**
 * What an erasure does once its transaction committed: the member's export files go (their
 * rows went with the account), and the database's write-ahead log is emptied, so that the
 * erased rows do not linger in the SQLite -wal file, where a file backup would find them.
 */
export async function finishErasure(
  services: Pick<AppServices, 'db' | 'files' | 'logger'>,
): Promise<void> {
  await removeUnusedExportFiles(services.db, services.files);
  if (!(await services.db.checkpoint())) {
    services.logger.warn(
      'after an erasure, readers kept the database log from being emptied; it is emptied when the last of them ends (or at the next erasure)',
    );
  }
}

import { exportFileKey } from '@quorum/domain/privacy/data-export';
import { exportContents, EXPORT_JOB } from '@quorum/domain/privacy/privacy-use-cases';
import type { AppServices } from '../context.js';
import { exportZip } from '../privacy/export-zip.js';
import type { JobHandler } from './job-runner.js';

export { EXPORT_JOB };

function exportIdOf(payload: Record<string, unknown>): string {
  const id = payload['exportId'];
  if (typeof id !== 'string') throw new Error('export job without exportId');
  return id;
}

/**
 * Builds a member's export from the data map: every table read in one snapshot, the ZIP
 * written to its file as it is built; then the data_exports row is marked ready.
 */
export function exportJobHandler(
  services: Pick<AppServices, 'db' | 'clock' | 'files'>,
): JobHandler {
  const { db, clock, files } = services;
  return {
    async run({ job, progress, log }) {
      const exportId = exportIdOf(job.payload);
      const dataExport = await db.repositories.dataExports.findById(exportId);
      if (!dataExport || dataExport.status !== 'pending') {
        // Erased meanwhile, or already done by an earlier attempt.
        await log('nothing to do: the export is gone or finished');
        return;
      }
      await progress(10);
      const key = exportFileKey(exportId);
      let rows = 0;
      // Tables are read more than once (JSON, CSV, posts as Markdown): each counts once.
      const counted = new Set<string>();
      const { size, tables } = await db.readSnapshot(async (repos) => {
        const contents = await exportContents(repos, dataExport.accountId, clock.now());
        const counting = {
          ...contents,
          rows: async (table: string) =>
            contents.rows(table).then((found) => {
              if (!counted.has(table)) rows += found.length;
              counted.add(table);
              return found;
            }),
        };
        return { size: await files.write(key, exportZip(counting)), tables: contents.tables.length };
      });
      await log(`collected ${rows} rows from ${tables} tables`);
      await progress(90);
      const marked = await db.unitOfWork.transaction((repos) =>
        repos.dataExports.markReady(exportId, size, clock.now()),
      );
      if (!marked) {
        // Erased or given up on while it was built: its file must not stay.
        await files.delete(key);
        await log('discarded: the export was erased or failed meanwhile');
        return;
      }
      await log(`ready: ${size} bytes`);
    },
    async gaveUp(job) {
      const exportId = exportIdOf(job.payload);
      await db.unitOfWork.transaction((repos) => repos.dataExports.markFailed(exportId));
      await files.delete(exportFileKey(exportId));
    },
  };
}

import { exportDocument, EXPORT_JOB } from '@quorum/domain/privacy/privacy-use-cases';
import type { AppServices } from '../context.js';
import { buildExportZip } from '../privacy/export-zip.js';
import type { JobHandler } from './job-runner.js';

export { EXPORT_JOB };

function exportIdOf(payload: Record<string, unknown>): string {
  const id = payload['exportId'];
  if (typeof id !== 'string') throw new Error('export job without exportId');
  return id;
}

/** Builds a member's export from the data map and stores the ZIP with its data_exports row. */
export function exportJobHandler(services: Pick<AppServices, 'db' | 'clock'>): JobHandler {
  const { db, clock } = services;
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
      const document = await exportDocument(db.repositories, dataExport.accountId, clock.now());
      const rows = Object.values(document.tables).reduce((sum, tableRows) => sum + tableRows.length, 0);
      await log(`collected ${rows} rows from ${Object.keys(document.tables).length} tables`);
      await progress(60);
      const zip = buildExportZip(document);
      await progress(90);
      await db.unitOfWork.transaction((repos) => repos.dataExports.markReady(exportId, zip, clock.now()));
      await log(`ready: ${zip.byteLength} bytes`);
    },
    async gaveUp(job) {
      await db.unitOfWork.transaction((repos) => repos.dataExports.markFailed(exportIdOf(job.payload)));
    },
  };
}

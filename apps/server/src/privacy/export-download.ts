import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportFileKey } from '@quorum/domain/privacy/data-export';
import { DomainError } from '@quorum/domain/shared/domain-error';
import { idSchema } from '@quorum/domain/shared/ids';
import { readSessionToken, resolveSession } from '../auth/sessions.js';
import type { AppServices } from '../context.js';

/** `/exports/<id>`: the path a finished export is downloaded from. */
export const exportDownloadPrefix = '/exports/';

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Not found');
}

/**
 * Hands out a finished export to the member it is about, or to the instance admin who
 * requested it on the member's behalf (that download is audited). Anyone else — other
 * members, other staff, visitors — gets the same 404 as for an unknown id.
 */
export async function serveExportDownload(
  services: Pick<AppServices, 'db' | 'clock' | 'env' | 'newId' | 'files'>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  exportId: string,
): Promise<void> {
  const { db, clock, env } = services;
  if (req.method !== 'GET') {
    res.writeHead(405, { Allow: 'GET' }).end();
    return;
  }
  const signedIn = await resolveSession(db.repositories, clock, readSessionToken(req.headers.cookie, env));
  if (!signedIn || !idSchema.safeParse(exportId).success) return notFound(res);
  const viewer = signedIn.account;
  const dataExport = await db.repositories.dataExports.findById(exportId);
  const own = dataExport?.accountId === viewer.id;
  const onBehalf = dataExport?.requestedBy === viewer.id && viewer.isInstanceAdmin;
  if (!dataExport || dataExport.status !== 'ready' || !(own || onBehalf)) return notFound(res);
  const file = await services.files.read(exportFileKey(dataExport.id));
  if (!file) return notFound(res);
  if (!own) {
    try {
      await db.unitOfWork.transaction((repos) =>
        repos.auditLog.append({
          id: services.newId(),
          actorId: viewer.id,
          subjectId: dataExport.accountId,
          communityId: null,
          action: 'member.export_downloaded',
          reason: 'Download of the export requested on the member’s behalf',
          occurredAt: clock.now(),
        }),
      );
    } catch (error) {
      // The member was erased since the export was looked up: it is gone for everyone.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return notFound(res);
      throw error;
    }
  }
  const day = (dataExport.readyAt ?? dataExport.createdAt).toISOString().slice(0, 10);
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="quorum-export-${day}.zip"`,
    'Content-Length': file.sizeBytes,
    'Cache-Control': 'no-store',
  });
  // Streamed from the file: a large export never sits in memory whole.
  await pipeline(Readable.from(file.chunks), res);
}

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { sql } from 'kysely';
import { CSRF_HEADER } from './auth/csrf.js';
import { readDeviceToken, readSessionToken } from './auth/sessions.js';
import { createContextInner, type AppServices } from './context.js';
import type { Env } from './env.js';
import { exportDownloadPrefix, serveExportDownload } from './privacy/export-download.js';
import { appRouter } from './routers/_app.js';

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

function setSecurityHeaders(res: http.ServerResponse, env: Env): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  if (env.secureCookies) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/**
 * The client's address for rate limits. Behind a reverse proxy (TRUST_PROXY) the last
 * X-Forwarded-For entry is the one our proxy added; earlier ones are the client's say.
 */
export function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

const singleHeader = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value) ?? null;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function fileAt(filePath: string): Promise<number | null> {
  try {
    const info = await stat(filePath);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Text files shrink to a third or less: the first page's JavaScript is ~510 KiB raw, ~165 kB gzipped. */
const compressible = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);
const gzipped = new Map<string, Promise<Buffer>>();

/** Compressed once per file (by path and size: a new release has new files) and kept in memory. */
function gzippedFile(file: string, size: number): Promise<Buffer> {
  const key = `${file}:${size}`;
  let compressed = gzipped.get(key);
  if (!compressed) {
    compressed = readFile(file).then((data) => promisify(gzip)(data, { level: 9 }));
    compressed.catch(() => gzipped.delete(key));
    gzipped.set(key, compressed);
  }
  return compressed;
}

function acceptsGzip(req: http.IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

/**
 * App paths with an HTML entry of their own instead of the shell's index.html: a survey
 * opened directly (a link in a mail, a reload) gets the light respondent entry, which loads
 * no router and no i18next (decision 028). The shell's own link to it stays in the shell.
 */
function htmlEntryFor(pathname: string): string {
  return /^\/surveys\/[^/]+\/?$/.test(pathname) ? 'respond.html' : 'index.html';
}

/**
 * Serves the built SPA: a file when it exists, else index.html (or a page's own entry,
 * htmlEntryFor) so the client router takes over. Vite's hashed files under /assets/ never change, so they are cached for
 * good; index.html is revalidated every time so a new release shows at once.
 */
async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const requested = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  const inside = requested === root || requested.startsWith(root + path.sep);
  let filePath = inside ? requested : null;
  let size = filePath ? await fileAt(filePath) : null;
  if (size === null) {
    // A missing file with an extension (a stale asset) is a 404, not the app shell.
    if (path.extname(decoded) !== '') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    filePath = path.join(root, htmlEntryFor(decoded));
    size = await fileAt(filePath);
    if (size === null && filePath !== path.join(root, 'index.html')) {
      // A build without that page's own entry: the shell shows it too.
      filePath = path.join(root, 'index.html');
      size = await fileAt(filePath);
    }
    if (size === null) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The web app is not built (WEB_DIST_DIR).');
      return;
    }
  }
  const file = filePath!;
  const extension = path.extname(file).toLowerCase();
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': contentTypes[extension] ?? 'application/octet-stream',
    'Cache-Control': decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (compressible.has(extension)) {
    headers['Vary'] = 'Accept-Encoding';
    if (acceptsGzip(req)) {
      const body = await gzippedFile(file, size);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
  }
  res.writeHead(200, { ...headers, 'Content-Length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

export function createRequestHandler(services: AppServices): http.RequestListener {
  const { env, db, logger } = services;
  const webRoot = path.resolve(env.webDistDir);
  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 1_000_000,
    // One request cannot fan out into hundreds of calls (the web's batch link sends at most as many).
    maxBatchSize: 10,
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error.cause ?? error, path }, 'procedure failed');
    },
    createContext: ({ req, res }) =>
      createContextInner(services, {
        sessionToken: readSessionToken(req.headers.cookie, env),
        deviceToken: readDeviceToken(req.headers.cookie, env),
        ip: clientIp(req, env.trustProxy),
        csrfHeader: singleHeader(req.headers[CSRF_HEADER]),
        origin: singleHeader(req.headers.origin),
        host: singleHeader(req.headers.host),
        fetchSite: singleHeader(req.headers['sec-fetch-site']),
        setCookie: (cookie) => res.appendHeader('Set-Cookie', cookie),
      }),
  });

  return (req, res) => {
    setSecurityHeaders(res, env);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname.startsWith('/trpc/')) {
      res.setHeader('Cache-Control', 'no-store');
      trpcHandler(req, res);
      return;
    }
    if (pathname.startsWith(exportDownloadPrefix)) {
      serveExportDownload(services, req, res, pathname.slice(exportDownloadPrefix.length)).catch((error: unknown) => {
        logger.error({ err: error }, 'export download failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (pathname === '/healthz') {
      sql`select 1 as ok`
        .execute(db.kysely)
        .then(() => sendJson(res, 200, { status: 'ok', database: db.dialect }))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'health check: database unreachable');
          sendJson(res, 503, { status: 'error', database: db.dialect });
        });
      return;
    }
    serveStatic(req, res, pathname, webRoot).catch((error: unknown) => {
      logger.error({ err: error }, 'serving a static file failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

export function createHttpServer(services: AppServices): http.Server {
  return http.createServer(createRequestHandler(services));
}

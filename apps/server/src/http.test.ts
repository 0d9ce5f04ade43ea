import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { createHttpServer } from './http.js';
import { quadraticSuperjsonBody } from './testing/crafted-bodies.js';
import { transformer } from './transformer.js';
import type { AppRouter } from './routers/_app.js';
import { createTestApp, TEST_PASSWORD, TEST_PUBLIC_URL, type SignUpAgreements, type TestApp } from './testing/test-app.js';

const webDist = mkdtempSync(path.join(tmpdir(), 'quorum-web-dist-'));
mkdirSync(path.join(webDist, 'assets'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Quorum</title><script type="module" src="/assets/app-abc123.js"></script>');
writeFileSync(path.join(webDist, 'respond.html'), '<!doctype html><title>Quorum respondent</title><script type="module" src="/assets/respond-abc123.js"></script>');
writeFileSync(path.join(webDist, 'assets', 'app-abc123.js'), 'console.log("quorum")');
writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

interface Running {
  app: TestApp;
  base: string;
  close(): Promise<void>;
}

async function startServer(
  dialect: (typeof testDialects)[number],
  env: Record<string, string> = {},
  logger?: Logger,
): Promise<Running> {
  const app = await createTestApp(await dialect.create(), { env: { WEB_DIST_DIR: webDist, COMMUNITY_CREATION: 'everyone', ...env } });
  agreements = await app.agreements();
  const server = createHttpServer(logger ? { ...app.services, logger } : app.services);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    app,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    },
  };
}

interface TrpcAnswer {
  status: number;
  headers: Headers;
  data: unknown;
  error: { message: string; data: { domainCode: string | null; httpStatus: number } } | undefined;
}

/**
 * One tRPC call over plain HTTP in the batch format the browser's link sends (a batch of
 * one), as a browser — or an attacker's page — would send it. Input is plain JSON.
 */
async function trpc(
  base: string,
  type: 'query' | 'mutation',
  procedure: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcAnswer> {
  const encoded = JSON.stringify({ 0: input });
  const response =
    type === 'query'
      ? await fetch(`${base}/trpc/${procedure}?batch=1&input=${encodeURIComponent(encoded)}`, { headers })
      : await fetch(`${base}/trpc/${procedure}?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: encoded,
        });
  const [body] = (await response.json()) as [{ result?: { data: never }; error?: { json: TrpcAnswer['error'] } }];
  return {
    status: response.status,
    headers: response.headers,
    data: body.result ? superjson.deserialize(body.result.data) : undefined,
    error: body.error?.json,
  };
}

const cookieOf = (answer: TrpcAnswer) => answer.headers.get('set-cookie')?.split(';')[0] ?? '';
/** The agreements of the server started last (each test database has its own text ids). */
let agreements: SignUpAgreements;
const signUpInput = (email: string) => ({ email, password: TEST_PASSWORD, displayName: 'Web', locale: 'en' as const, ...agreements });
const csrf = { 'x-quorum-csrf': '1' };

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  );
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(headers.get('permissions-policy')).toContain('camera=()');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
}

describe.each(testDialects)('HTTP server on $name', (dialect) => {
  let running: Running;
  beforeAll(async () => {
    running = await startServer(dialect);
  });
  afterAll(() => running.close());

  it('answers /healthz with the database state', async () => {
    const response = await fetch(`${running.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: dialect.name });
    expectSecurityHeaders(response.headers);
  });

  it('puts the security headers on every response', async () => {
    for (const url of ['/', '/c/some-community', '/assets/app-abc123.js', '/assets/missing.js', '/trpc/auth.me', '/trpc/nope']) {
      const response = await fetch(`${running.base}${url}`);
      expectSecurityHeaders(response.headers);
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('refuses a mutation without the CSRF header, and one from a foreign origin', async () => {
    const bare = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('csrf@example.org'));
    expect(bare.status).toBe(403);
    expect(bare.error?.data.domainCode).toBe('CSRF_FAILED');

    const foreign = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('csrf@example.org'), {
      ...csrf,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.error?.data.domainCode).toBe('CSRF_FAILED');
    // A form post cannot set headers; its content type is no pass either.
    const form = await fetch(`${running.base}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL },
      body: 'email=csrf%40example.org',
    });
    expect([403, 415]).toContain(form.status);
    expect(await running.app.db.repositories.accounts.findByEmail('csrf@example.org')).toBeNull();

    const ours = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('csrf@example.org'), { ...csrf, origin: TEST_PUBLIC_URL });
    expect(ours.status).toBe(200);
    const [session, device] = ours.headers.getSetCookie();
    expect(session).toMatch(/^quorum_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(device).toMatch(/^quorum_device=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=15552000$/);
  });

  it('refuses any call the browser marks as sent from another site, queries too (decision 033)', async () => {
    for (const fetchSite of ['cross-site', 'same-site']) {
      const answer = await trpc(running.base, 'query', 'auth.me', undefined, { 'sec-fetch-site': fetchSite });
      expect(answer.status).toBe(403);
      expect(answer.error?.data.domainCode).toBe('CSRF_FAILED');
    }
    for (const fetchSite of ['same-origin', 'none']) {
      expect((await trpc(running.base, 'query', 'auth.me', undefined, { 'sec-fetch-site': fetchSite })).status).toBe(200);
    }
  });

  it('refuses a replayed session cookie after sign-out', async () => {
    const signUp = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('replay@example.org'), csrf);
    const cookie = cookieOf(signUp);
    const me = await trpc(running.base, 'query', 'auth.me', undefined, { cookie });
    expect(me.data).toMatchObject({ account: { email: 'replay@example.org' } });

    const signOut = await trpc(running.base, 'mutation', 'auth.signOut', undefined, { ...csrf, cookie });
    expect(signOut.headers.get('set-cookie')).toMatch(/^quorum_session=; .*Max-Age=0/);
    const replayed = await trpc(running.base, 'query', 'auth.me', undefined, { cookie });
    expect(replayed.data).toMatchObject({ account: null });
    const mutation = await trpc(running.base, 'mutation', 'auth.resendVerification', undefined, { ...csrf, cookie });
    expect(mutation.status).toBe(401);
    expect(mutation.error?.data.domainCode).toBe('UNAUTHENTICATED');
  });

  it('answers bad input with the validation keys', async () => {
    const answer = await trpc(running.base, 'mutation', 'auth.signUp', { ...signUpInput('bad'), password: '123' }, csrf);
    expect(answer.status).toBe(400);
    expect(answer.error?.data).toMatchObject({
      domainCode: 'VALIDATION',
      issues: expect.arrayContaining([
        { path: ['email'], message: 'email_invalid' },
        { path: ['password'], message: 'password_too_short' },
      ]),
    });
  });

  it('answers a body crafted to make superjson quadratic as bad input, before any sign-in check', async () => {
    // 4,000 entries (~110 KB) cost superjson seconds; read as plain JSON it is an object
    // without email and password, refused by the schema.
    const crafted = quadraticSuperjsonBody(4000, { email: 'victim@example.org', password: 'guess' });
    const answer = await trpc(running.base, 'mutation', 'auth.signIn', crafted, csrf);
    expect(answer.status).toBe(400);
    expect(answer.error?.data.domainCode).toBe('VALIDATION');
  });

  it('trips the sign-in rate limit per IP, ignoring X-Forwarded-For unless TRUST_PROXY', async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await trpc(running.base, 'mutation', 'auth.signIn', { email: `n${attempt}@example.org`, password: 'x' }, {
        ...csrf,
        'x-forwarded-for': `192.0.2.${attempt}`,
      });
      expect(answer.status).toBe(401);
    }
    const limited = await trpc(running.base, 'mutation', 'auth.signIn', { email: 'n@example.org', password: 'x' }, {
      ...csrf,
      'x-forwarded-for': '192.0.2.200',
    });
    expect(limited.status).toBe(429);
    expect(limited.error?.data.domainCode).toBe('RATE_LIMITED');
  });

  it('refuses a batch of more than 10 calls in one request (issue 7.3)', async () => {
    const batch = (size: number) => {
      const paths = Array.from({ length: size }, () => 'auth.resetPassword').join(',');
      const input = Object.fromEntries(
        Array.from({ length: size }, (_, n) => [n, { token: `fake${'A'.repeat(36)}${n}`, newPassword: 'a brand new secret' }]),
      );
      return fetch(`${running.base}/trpc/${paths}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...csrf, 'x-forwarded-for': '192.0.2.99' },
        body: JSON.stringify(input),
      });
    };
    const tooMany = await batch(11);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain('Batch call exceeds maximum size');
    const allowed = await batch(10);
    const answers = (await allowed.json()) as { error?: { json: { data: { domainCode: string } } } }[];
    expect(answers.map((answer) => answer.error?.json.data.domainCode)).toEqual(Array(10).fill('TOKEN_INVALID'));
  });

  it('a browser that signed in before brings its device cookie to the next sign-in', async () => {
    const signUp = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('device@example.org'), csrf);
    const device = signUp.headers.getSetCookie()[1]!.split(';')[0]!;
    const devices = await running.app.db.kysely.selectFrom('known_devices').selectAll().execute();
    expect(JSON.stringify(devices)).not.toContain(device.split('=')[1]);
    // Signing in again from it keeps the same cookie (refreshed), and the server knows the browser.
    const signIn = await trpc(running.base, 'mutation', 'auth.signIn', { email: 'device@example.org', password: TEST_PASSWORD }, { ...csrf, cookie: device });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.getSetCookie()[1]!.split(';')[0]).toBe(device);
  });

  it('serves the SPA: files, index.html for app paths, 404 for missing assets', async () => {
    const index = await fetch(`${running.base}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>Quorum</title>');

    const deepLink = await fetch(`${running.base}/c/kunden-forum/settings`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>Quorum</title>');

    // A survey opened directly gets the light respondent entry (decision 028); the list and
    // anything deeper stay with the shell.
    for (const surveyPath of ['/surveys/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '/surveys/abc/', '/surveys/abc?from=mail']) {
      const respondent = await fetch(`${running.base}${surveyPath}`);
      expect(respondent.status).toBe(200);
      expect(respondent.headers.get('cache-control')).toBe('no-cache');
      expect(await respondent.text(), surveyPath).toContain('<title>Quorum respondent</title>');
    }
    for (const shellPath of ['/surveys', '/surveys/abc/results', '/c/kunden-forum/surveys']) {
      expect(await (await fetch(`${running.base}${shellPath}`)).text(), shellPath).toContain('<title>Quorum</title>');
    }

    const asset = await fetch(`${running.base}/assets/app-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${running.base}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${running.base}/assets/gone-123.js`)).status).toBe(404);
  });

  it('sends text files gzipped to browsers that accept it, and plain to the rest', async () => {
    const get = (encoding: string) =>
      new Promise<http.IncomingMessage & { body: Buffer }>((resolve, reject) => {
        http
          .get(`${running.base}/assets/app-abc123.js`, { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(Object.assign(res, { body: Buffer.concat(chunks) })));
          })
          .on('error', reject);
      });
    const compressed = await get('gzip, deflate, br');
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers['vary']).toBe('Accept-Encoding');
    expect(Number(compressed.headers['content-length'])).toBe(compressed.body.length);
    expect(gunzipSync(compressed.body).toString()).toBe('console.log("quorum")');
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe('console.log("quorum")');
  });

  it('never serves files outside WEB_DIST_DIR', async () => {
    const url = new URL(running.base);
    for (const attempt of ['/..%2f..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const body = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: url.hostname, port: url.port, path: attempt }, (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(body).not.toContain('root:');
    }
  });

  it('works with the tRPC client the web uses: batching, superjson Dates, cookies', async () => {
    let cookie = '';
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${running.base}/trpc`,
          transformer,
          headers: () => ({ ...csrf, cookie }),
          fetch: async (url, init) => {
            const response = await fetch(url, init);
            cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
            return response;
          },
        }),
      ],
    });
    await client.auth.signUp.mutate({ ...signUpInput('client@example.org'), locale: 'de' });
    const [me, created] = await Promise.all([
      client.auth.me.query(),
      client.communities.create.mutate({ slug: 'via-client', name: 'Via client', visibility: 'public', defaultLocale: 'de' }),
    ]);
    expect(me.account?.email).toBe('client@example.org');
    expect(created.createdAt).toBeInstanceOf(Date);
    // With SMTP settings, pages may say a mail was sent.
    expect(await client.instance.mailDelivery.query()).toEqual({ delivery: 'smtp' });
    await expect(client.communities.bySlug.query({ slug: 'nope-nope' })).rejects.toMatchObject({
      data: { domainCode: 'NOT_FOUND', httpStatus: 404 },
    });
  });
});

describe('HTTP server behind https', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startServer(testDialects[0]!, { PUBLIC_URL: 'https://community.example.com', TRUST_PROXY: 'true' });
  });
  afterAll(() => running.close());

  it('sends HSTS and a Secure __Host- cookie', async () => {
    const answer = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('tls@example.org'), {
      ...csrf,
      origin: 'https://community.example.com',
    });
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const [session, device] = answer.headers.getSetCookie();
    expect(session).toMatch(/^__Host-quorum_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(device).toMatch(/^__Host-quorum_device=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    const cookie = `__Host-quorum_session=${cookieOf(answer).split('=')[1]}`;
    expect((await trpc(running.base, 'query', 'auth.me', undefined, { cookie })).data).toMatchObject({
      account: { email: 'tls@example.org' },
    });
  });

  it('counts rate limits per forwarded client when TRUST_PROXY is set', async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      await trpc(running.base, 'mutation', 'auth.signIn', { email: `p${attempt}@example.org`, password: 'x' }, {
        ...csrf,
        'x-forwarded-for': '192.0.2.7',
      });
    }
    const other = await trpc(running.base, 'mutation', 'auth.signIn', { email: 'p@example.org', password: 'x' }, {
      ...csrf,
      'x-forwarded-for': '192.0.2.8',
    });
    expect(other.status).toBe(401);
    const same = await trpc(running.base, 'mutation', 'auth.signIn', { email: 'p@example.org', password: 'x' }, {
      ...csrf,
      'x-forwarded-for': 'spoofed, 192.0.2.7',
    });
    expect(same.status).toBe(429);
  });
});

describe('HTTP server without PUBLIC_URL (a first start, opened by the server address)', () => {
  let running: Running;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) });
    // PUBLIC_URL empty = unset: it defaults to http://localhost:PORT, but people open 127.0.0.1.
    running = await startServer(testDialects[0]!, { PUBLIC_URL: '' }, logger);
  });
  afterAll(() => running.close());

  it('accepts a same-origin request: its Origin names the host it was sent to', async () => {
    expect(running.app.services.env.publicUrl).toBe('http://localhost:3000');
    const answer = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('first@example.org'), {
      ...csrf,
      origin: running.base,
    });
    expect(answer.status).toBe(200);
    expect(logLines).toEqual([]);
  });

  it('still refuses a foreign Origin, logs it once with the fix, and names both origins for the page', async () => {
    const foreign = () =>
      trpc(running.base, 'mutation', 'auth.signUp', signUpInput('foreign@example.org'), { ...csrf, origin: 'https://evil.example' });
    const refused = await foreign();
    expect(refused.status).toBe(403);
    expect(refused.error?.data).toMatchObject({
      domainCode: 'CSRF_FAILED',
      details: { origin: 'https://evil.example', expectedOrigin: 'http://localhost:3000' },
    });
    await foreign();
    expect(await running.app.db.repositories.accounts.findByEmail('foreign@example.org')).toBeNull();
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({
      level: 40,
      msg: 'Refused a request from https://evil.example: Quorum expects http://localhost:3000 (PUBLIC_URL). If people open Quorum at https://evil.example, set PUBLIC_URL=https://evil.example and restart.',
    });
  });

  it('refuses an Origin on the same host but another port, and still needs the CSRF header', async () => {
    const port = new URL(running.base).port;
    const otherPort = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('port@example.org'), {
      ...csrf,
      origin: `http://127.0.0.1:${Number(port) + 1}`,
    });
    expect(otherPort.status).toBe(403);
    const bare = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('port@example.org'), { origin: running.base });
    expect(bare.status).toBe(403);
    expect(bare.error?.data.domainCode).toBe('CSRF_FAILED');
  });
});

describe('HTTP server with PUBLIC_URL set', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startServer(testDialects[0]!, { PUBLIC_URL: 'https://community.example.com' });
  });
  afterAll(() => running.close());

  it('accepts only PUBLIC_URL as Origin, not the address the request was sent to', async () => {
    const byAddress = await trpc(running.base, 'mutation', 'auth.signUp', signUpInput('ip@example.org'), {
      ...csrf,
      origin: running.base,
    });
    expect(byAddress.status).toBe(403);
    expect(byAddress.error?.data.domainCode).toBe('CSRF_FAILED');
  });
});

import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@quorum/db/testing/postgres';
import { TEST_PASSWORD } from './testing/test-app.js';

/**
 * The production build as self-hosters run it: `node dist/main.js` from a clean
 * environment with only DATA_DIR (and a port) set.
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const children: ChildProcessWithoutNullStreams[] = [];

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: serverDir, env: { PATH: process.env.PATH ?? '', ...env } });
  children.push(child);
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, stderr: () => stderr, exit };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = started.output().match(pattern);
    if (match) return match;
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`Did not see ${pattern} in the output:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function mutation(base: string, procedure: string, input: unknown, cookie = '', origin = base): Promise<Response> {
  return fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-quorum-csrf': '1', cookie, origin },
    body: JSON.stringify(input),
  });
}

describe('the production build', () => {
  beforeAll(async () => {
    await run(process.execPath, ['build.mjs'], { cwd: serverDir });
  }, 120_000);

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('starts from a clean environment, prints the setup link, serves, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'quorum-main-'));
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const first = start({ DATA_DIR: dataDir, PORT: String(port) });
    const [, setupLink] = await waitFor(first, /^Open this one-time link to create the admin account: (\S+)$/m);
    expect(setupLink).toMatch(new RegExp(`^${base}/setup\\?token=[A-Za-z0-9_-]{43}$`));
    await waitFor(first, new RegExp(`^Quorum is listening on ${base}$`, 'm'));
    // Members' data is for the server's user alone.
    const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
    expect([modeOf(dataDir), modeOf(path.join(dataDir, 'quorum.db'))]).toEqual(['700', '600']);

    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', database: 'sqlite' });
    // No PUBLIC_URL: the start says where mail links point, and the setup link works when
    // opened by the server's address instead (a VPS opened by its IP, issue 9.1).
    expect(first.output()).toContain(`PUBLIC_URL is not set: links in mails and the setup link point to ${base}.`);
    const byAddress = `http://127.0.0.1:${port}`;
    const setup = await mutation(byAddress, 'auth.completeSetup', {
      token: new URL(setupLink!).searchParams.get('token'),
      email: 'root@example.org',
      password: TEST_PASSWORD,
      displayName: 'Root',
      locale: 'en',
    });
    expect(setup.status).toBe(200);
    // Without SMTP the verification mail lands in the log, link included, and pages know it.
    await waitFor(first, /verify-email\?token=[A-Za-z0-9_-]{43}.*SMTP is not configured/);
    const delivery = await fetch(`${base}/trpc/instance.mailDelivery`);
    expect(await delivery.json()).toEqual({ result: { data: { json: { delivery: 'log' } } } });

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    // With an admin in the database, no setup link is printed on the next start.
    const second = start({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(second, /^Quorum is listening on/m);
    expect(second.output()).not.toContain('Open this one-time link');
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);

    // The CLI prints a fresh setup link for the same database.
    const cli = await run(process.execPath, ['dist/quorum.js', 'admin', 'create'], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port) },
    });
    expect(cli.stdout).toMatch(new RegExp(`^Open this one-time link to create the admin account: ${base}/setup\\?token=[A-Za-z0-9_-]{43}\\n$`));
  }, 60_000);

  it('stops with a message naming a bad variable', async () => {
    const started = start({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'quorum-main-')), PORT: 'eighty' });
    expect(await started.exit).toBe(1);
    expect(started.output()).toContain('PORT: expected a port number');
  });

  describe('a start that cannot work ends with one line naming the setting, and exit code 1', () => {
    const dataDir = () => mkdtempSync(path.join(tmpdir(), 'quorum-main-'));
    async function failedStart(env: Record<string, string>): Promise<string> {
      const started = start({ LOG_LEVEL: 'warn', ...env });
      expect(await started.exit).toBe(1);
      expect(started.output()).not.toMatch(/^\s+at /m); // no stack trace
      const lines = started.stderr().trim().split('\n');
      expect(lines, started.output()).toHaveLength(1);
      return lines[0]!;
    }
    const postgres = async (change: (url: URL) => void) => {
      const url = new URL(await createTestDatabase());
      change(url);
      return url.href;
    };

    it('an unreachable database', async () => {
      const port = await freePort();
      expect(
        await failedStart({
          DATA_DIR: dataDir(),
          DATABASE_URL: `postgres://nobody:x@127.0.0.1:${port}/x`,
        }),
      ).toBe(
        `DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED). Start the database server, or correct the host and port in DATABASE_URL.`,
      );
    });

    it('a wrong password', async () => {
      const url = await postgres((url) => (url.password = 'not-the-password'));
      const line = await failedStart({ DATA_DIR: dataDir(), DATABASE_URL: url });
      expect(line).toMatch(
        /^DATABASE_URL: PostgreSQL at 127\.0\.0\.1:\d+ refused the password of user "quorum"\. Correct the user name and password in DATABASE_URL\.$/,
      );
      expect(line).not.toContain('not-the-password');
    });

    it('a database that does not exist', async () => {
      const url = await postgres((url) => (url.pathname = '/no_such_database'));
      expect(await failedStart({ DATA_DIR: dataDir(), DATABASE_URL: url })).toMatch(
        /^DATABASE_URL: the database "no_such_database" does not exist on 127\.0\.0\.1:\d+\. Create it \(createdb -O quorum no_such_database\) or correct its name in DATABASE_URL\.$/,
      );
    });

    it('a DATA_DIR that cannot be written', async () => {
      // (Root may write into any folder, whatever its mode: a file where the folder should be stops everyone.)
      const file = path.join(dataDir(), 'a-file');
      writeFileSync(file, '');
      expect(await failedStart({ DATA_DIR: path.join(file, 'data') })).toMatch(
        new RegExp(
          `^DATA_DIR: cannot use ${path.join(file, 'data')} \\(ENOTDIR\\)\\. Set DATA_DIR to a folder this user \\(\\d+\\) may create and write to, or fix its owner and permissions\\.$`,
        ),
      );
    });

    it('a port that is in use', async () => {
      const busy = createServer().listen(0, '127.0.0.1');
      await new Promise((resolve) => busy.once('listening', resolve));
      const { port } = busy.address() as { port: number };
      try {
        expect(
          await failedStart({ DATA_DIR: dataDir(), HOST: '127.0.0.1', PORT: String(port) }),
        ).toBe(
          `PORT: ${port} is already in use on 127.0.0.1. Stop the program that uses it, or set PORT to a free port.`,
        );
      } finally {
        busy.close();
      }
    });

    it('a DATA_DIR open to others is closed, and the log says so', async () => {
      const open = dataDir();
      chmodSync(open, 0o755);
      const port = await freePort();
      const started = start({ DATA_DIR: open, PORT: String(port), LOG_LEVEL: 'warn' });
      await waitFor(started, /^Quorum is listening on/m);
      expect(started.output()).toContain(
        `DATA_DIR ${open} was open to other users (mode 755); changed to 700`,
      );
      expect((statSync(open).mode & 0o777).toString(8)).toBe('700');
      started.child.kill('SIGTERM');
      expect(await started.exit).toBe(0);
    });
  });
});

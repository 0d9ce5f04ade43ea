import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const serverMain = path.join(repoRoot, 'apps/server/dist/main.js');
const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');
const setupLinkPattern = /Open this one-time link to create the admin account: (\S+)/;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A real SMTP peer on loopback: every message lands as one JSON file in `dir`. */
async function startSmtpPeer(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
          receivedAt: new Date().toISOString(),
        };
        count += 1;
        const file = path.join(dir, `${Date.now()}-${String(count).padStart(4, '0')}.json`);
        writeFile(file, JSON.stringify(message)).then(() => callback(), callback);
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const forced = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
  return exited.finally(() => clearTimeout(forced));
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const built of [serverMain, webIndex]) {
    await access(built).catch(() => {
      throw new Error(
        `${built} is missing: build first (pnpm turbo run build --filter=@quorum/server --filter=@quorum/web).`,
      );
    });
  }

  const mailDir = await mkdtemp(path.join(tmpdir(), 'quorum-e2e-mail-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'quorum-e2e-data-'));
  const authDir = await mkdtemp(path.join(tmpdir(), 'quorum-e2e-auth-'));
  const smtp = await startSmtpPeer(mailDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const server = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    detached: true, // its own process group, so teardown stops it and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PUBLIC_URL: baseUrl,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      MAIL_FROM: 'Quorum <quorum@example.test>',
      COMMUNITY_CREATION: 'admins',
      // Every flow signs its people up from 127.0.0.1, more than a real address does in an hour.
      SIGN_UPS_PER_ADDRESS_PER_HOUR: '1000',
      LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const teardown = async () => {
    await stopGroup(server);
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(mailDir, { recursive: true, force: true });
    await rm(authDir, { recursive: true, force: true });
  };

  try {
    const setupUrl = await waitFor(
      'the setup link on the server output',
      () => {
        if (server.exitCode !== null)
          throw new Error(`The server exited (${server.exitCode}):\n${output}`);
        return output.match(setupLinkPattern)?.[1] ?? null;
      },
      20_000,
    );
    await waitFor(
      '/healthz',
      async () => {
        const response = await fetch(`${baseUrl}/healthz`).catch(() => null);
        return response?.ok ? true : null;
      },
      20_000,
    );
    process.env.QUORUM_URL = baseUrl;
    process.env.QUORUM_SETUP_URL = setupUrl;
    process.env.QUORUM_MAIL_DIR = mailDir;
    process.env.QUORUM_AUTH_DIR = authDir;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

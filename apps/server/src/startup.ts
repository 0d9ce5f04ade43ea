import { constants } from 'node:fs';
import { access, chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectDatabase, type QuorumDatabase } from '@quorum/db/connect';
import { MigrationError } from '@quorum/db/migrator';
import type { Env } from './env.js';
import { EnvError } from './env.js';
import type { Logger } from './logger.js';

/**
 * What a start needs before it can serve, and the one line it ends with when it cannot:
 * naming the setting and what to do, never a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  // Node reports a refused connection to every address of a host name as an AggregateError.
  const first = (error as { errors?: unknown[] } | null)?.errors?.[0];
  return first === undefined ? undefined : codeOf(first);
};

/**
 * DATA_DIR holds the SQLite file and export files: members' data, for the server's user
 * alone. Created 0700; an existing folder open to others is closed (and the log says so);
 * it must be a folder this user can write to.
 */
export async function prepareDataDir(dataDir: string, logger: Pick<Logger, 'warn'>): Promise<void> {
  const cannot = (error: unknown) =>
    new StartupError(
      `DATA_DIR: cannot use ${dataDir} (${codeOf(error) ?? String(error)}). Set DATA_DIR to a folder this user (${process.getuid?.() ?? '?'}) may create and write to, or fix its owner and permissions.`,
      { cause: error },
    );
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const info = await stat(dataDir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    const mode = info.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      await chmod(dataDir, 0o700);
      logger.warn(
        { dataDir },
        `DATA_DIR ${dataDir} was open to other users (mode ${mode.toString(8)}); changed to 700`,
      );
    }
    await access(dataDir, constants.W_OK | constants.X_OK);
    // access() trusts the mode bits; a read-only mount says no only when written to.
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    await writeFile(probe, '', { mode: 0o600 });
    await rm(probe, { force: true });
  } catch (error) {
    throw cannot(error);
  }
}

/** Where DATABASE_URL points, without its password. */
function databaseTarget(url: string): { host: string; user: string; database: string } | null {
  if (!/^postgres(ql)?:\/\//i.test(url)) return null;
  const parsed = new URL(url);
  return {
    host: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`,
    user: decodeURIComponent(parsed.username) || '(none)',
    database: decodeURIComponent(parsed.pathname.slice(1)) || '(default)',
  };
}

/** Why the database could not be opened and migrated, in one line, or null when it is no known cause. */
export function explainDatabaseError(error: unknown, databaseUrl: string): string | null {
  const code = codeOf(error);
  const target = databaseTarget(databaseUrl);
  if (error instanceof MigrationError) {
    return `DATABASE_URL: the database could not be brought up to date: ${error.message.split('\n')[0]} Nothing of the failing step was kept; fix its cause and start again.`;
  }
  if (target) {
    switch (code) {
      case 'ECONNREFUSED':
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return `DATABASE_URL: cannot reach PostgreSQL at ${target.host} (${code}). Start the database server, or correct the host and port in DATABASE_URL.`;
      case '28P01':
        return `DATABASE_URL: PostgreSQL at ${target.host} refused the password of user "${target.user}". Correct the user name and password in DATABASE_URL.`;
      case '28000':
        return `DATABASE_URL: PostgreSQL at ${target.host} does not let user "${target.user}" connect to "${target.database}". Check the user in DATABASE_URL and the server's pg_hba.conf.`;
      case '3D000':
        return `DATABASE_URL: the database "${target.database}" does not exist on ${target.host}. Create it (createdb -O ${target.user} ${target.database}) or correct its name in DATABASE_URL.`;
      default:
        return null;
    }
  }
  if (
    code?.startsWith('SQLITE_CANTOPEN') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code === 'ENOTDIR'
  ) {
    const file = databaseUrl.replace(/^sqlite:(\/\/(?=\/))?/i, '');
    return `DATABASE_URL: cannot open the SQLite file ${file} (${code}). Make sure its folder exists and this user may write to it, or point DATABASE_URL elsewhere.`;
  }
  return null;
}

/** Connects to DATABASE_URL and brings its schema up to date; a failure with a known cause becomes a StartupError. */
export async function openMigratedDatabase(
  env: Env,
  logger: Pick<Logger, 'warn'>,
): Promise<QuorumDatabase> {
  let db: QuorumDatabase | null = null;
  try {
    db = await connectDatabase({ url: env.databaseUrl, notice: (message) => logger.warn(message) });
    await db.migrate();
    return db;
  } catch (error) {
    await db?.close().catch(() => undefined);
    const explained = explainDatabaseError(error, env.databaseUrl);
    throw explained ? new StartupError(explained, { cause: error }) : error;
  }
}

/** Why the HTTP server could not listen, in one line, or null. */
export function explainListenError(error: unknown, env: Pick<Env, 'host' | 'port'>): string | null {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return `PORT: ${env.port} is already in use on ${env.host}. Stop the program that uses it, or set PORT to a free port.`;
    case 'EACCES':
      return `PORT: this user may not listen on port ${env.port} (ports below 1024 need privileges). Set PORT above 1023 and put a reverse proxy in front.`;
    case 'EADDRNOTAVAIL':
      return `HOST: ${env.host} is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0 for all.`;
    default:
      return null;
  }
}

/** The message a failed start ends with: one line for what we understand, the whole error for what we do not. */
export function startupFailureText(error: unknown): string {
  if (error instanceof StartupError || error instanceof EnvError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * While PUBLIC_URL is not set, the server still works at whatever address people open
 * (decision 018), but links in mails, and the setup link, point to localhost.
 */
export function publicUrlNotice(env: Pick<Env, 'publicUrl' | 'publicUrlSet'>): string | null {
  if (env.publicUrlSet) return null;
  return `PUBLIC_URL is not set: links in mails and the setup link point to ${env.publicUrl}. Opened at another address (such as http://<server-ip>:${new URL(env.publicUrl).port || '80'}), use that address in the setup link; set PUBLIC_URL to the address people use (e.g. https://community.example.com) and restart.`;
}

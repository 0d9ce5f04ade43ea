import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connectDatabase, type QuorumDatabase } from '@quorum/db/connect';
import { seedDefaultPolicyTexts } from '@quorum/domain/consent/policy-use-cases';

const cacheDir = new URL('../../.cache/', import.meta.url).pathname;

export interface Dataset<Meta> {
  /** A private copy for one run: servers write (sessions, jobs), the cached file stays as generated. */
  file: string;
  meta: Meta;
  /** Whether this run generated it (else it came from the cache). */
  generated: boolean;
}

/**
 * A generated SQLite database, cached under bench/.cache by name and generator version:
 * bump the version when the generator (or the schema it needs) changes.
 */
export async function cachedDataset<Meta>(
  name: string,
  version: number,
  generate: (db: QuorumDatabase) => Promise<Meta>,
): Promise<Dataset<Meta>> {
  mkdirSync(cacheDir, { recursive: true });
  const base = path.join(cacheDir, `${name}-v${version}`);
  let generated = false;
  if (!existsSync(`${base}.db`) || !existsSync(`${base}.json`)) {
    const building = `${base}.building.db`;
    rmSync(building, { force: true });
    const db = await connectDatabase({ url: `sqlite:${building}` });
    await db.migrate();
    const meta = await generate(db);
    await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
    await db.close();
    renameSync(building, `${base}.db`);
    for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
    writeFileSync(`${base}.json`, JSON.stringify(meta));
    generated = true;
  }
  const copy = path.join(tmpdir(), `quorum-bench-${name}-${process.pid}-${Date.now()}.db`);
  copyFileSync(`${base}.db`, copy);
  process.once('exit', () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  });
  return { file: copy, meta: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Meta, generated };
}

export const clock = { now: () => new Date() };
export const newId = (): string => randomUUID();

export function seedTexts(db: QuorumDatabase): Promise<number> {
  return seedDefaultPolicyTexts((work) => db.unitOfWork.transaction(work), { clock, newId });
}

/** A signed-in session for `accountId`; the cookie value a browser would send. */
export async function sessionCookie(db: QuorumDatabase, accountId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  // As the server stores it (apps/server/src/auth/tokens.ts): only the hash.
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const now = new Date();
  await db.repositories.sessions.create({ id: newId(), accountId, tokenHash, createdAt: now, lastSeenAt: now });
  return `quorum_session=${token}`;
}

export async function createAccount(db: QuorumDatabase, displayName: string, createdAt = new Date()): Promise<string> {
  const id = newId();
  await db.repositories.accounts.create(
    { id, email: `${id}@bench.example`, emailVerifiedAt: createdAt, displayName, locale: 'de', isInstanceAdmin: false, createdAt },
    'bench-no-password',
  );
  return id;
}

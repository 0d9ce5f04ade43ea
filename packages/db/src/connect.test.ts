import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type QuorumDatabase } from './connect.js';
import { sqliteCapabilities } from './dialects/sqlite.js';
import { sqliteMigrations } from './migrations/sqlite/index.js';
import { createRepositories } from './repositories/create-repositories.js';
import { testDialects } from './testing/dialects.js';
import { anAccount, createdAccount } from './testing/fixtures.js';
import { heldTransaction } from './testing/held-transactions.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.each(testDialects)('QuorumDatabase on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('names its dialect, and migrating again changes nothing', async () => {
    expect(db.dialect).toBe(dialect.name);
    await db.migrate();
    const migrations = await db.kysely.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute();
    expect(migrations.map((row) => (row as { name: string }).name)).toEqual(Object.keys(sqliteMigrations).sort());
  });

  it('commits the work of a transaction', async () => {
    const account = anAccount();
    const result = await db.unitOfWork.transaction(async (repos) => {
      await repos.accounts.create(account, 'h');
      return 'done';
    });
    expect(result).toBe('done');
    expect(await db.repositories.accounts.findById(account.id)).toEqual(account);
  });

  it('leaves no rows when the work throws', async () => {
    const account = anAccount();
    const failure = db.unitOfWork.transaction(async (repos) => {
      await repos.accounts.create(account, 'h');
      await repos.sessions.create({
        id: randomUUID(), accountId: account.id, tokenHash: 'x', createdAt: new Date(), lastSeenAt: new Date(),
      });
      throw new Error('boom');
    });
    await expect(failure).rejects.toThrow('boom');
    expect(await db.repositories.accounts.findById(account.id)).toBeNull();
    expect(await db.repositories.sessions.findByTokenHash('x')).toBeNull();
  });

  it('rolls back when a unique violation ends the work', async () => {
    const existing = await createdAccount(db.repositories);
    const account = anAccount();
    await expect(
      db.unitOfWork.transaction(async (repos) => {
        await repos.accounts.create(account, 'h');
        await repos.accounts.create(anAccount({ email: existing.email }), 'h');
      }),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    expect(await db.repositories.accounts.findById(account.id)).toBeNull();
  });

  it('runs two transactions at once on one database, and both complete', async () => {
    const [a, b] = [anAccount(), anAccount()];
    const work = (account: typeof a) =>
      db.unitOfWork.transaction(async (repos) => {
        await tick();
        await repos.accounts.create(account, 'h');
        await tick();
        return (await repos.accounts.findById(account.id))?.id;
      });
    expect(await Promise.all([work(a), work(b)])).toEqual([a.id, b.id]);
  });

  it('joins a transaction started inside another one, and the plain repositories use it too', async () => {
    const [outer, inner] = [anAccount(), anAccount()];
    await expect(
      db.unitOfWork.transaction(async (repos) => {
        await repos.accounts.create(outer, 'h');
        await db.unitOfWork.transaction((nested) => nested.accounts.create(inner, 'h'));
        // Outside repositories see the running transaction's writes instead of waiting for it.
        expect(await db.repositories.accounts.findById(inner.id)).toEqual(inner);
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    expect(await db.repositories.accounts.findById(outer.id)).toBeNull();
    expect(await db.repositories.accounts.findById(inner.id)).toBeNull();
  });

  // The context tracking is switched off when no transaction runs (decision 036): not before.
  it('a transaction that ends while another runs leaves the other one its plain repositories', async () => {
    const account = anAccount();
    const held = heldTransaction(
      db,
      (repos) => repos.accounts.create(account, 'h'),
      () => db.repositories.accounts.findById(account.id),
    );
    await held.reached;
    // PostgreSQL runs a second transaction beside it, to its end; SQLite would queue it behind.
    if (db.dialect === 'postgres') await db.unitOfWork.transaction((repos) => repos.accounts.findById(account.id));
    held.release();
    expect(await held.done).toEqual(account);
  });

  it('reads a snapshot: what others commit meanwhile stays unseen, and nobody waits for it', async () => {
    const before = await createdAccount(db.repositories);
    const during = anAccount();
    const seen = await db.readSnapshot(async (repos) => {
      expect(await repos.accounts.findById(before.id)).toEqual(before);
      // Written and committed by the main connection while the snapshot is open: no deadlock.
      await db.unitOfWork.transaction((writer) => writer.accounts.create(during, 'h'));
      await db.repositories.accounts.update(before.id, { displayName: 'Renamed meanwhile' });
      return {
        during: await repos.accounts.findById(during.id),
        before: await repos.accounts.findById(before.id),
      };
    });
    expect(seen).toEqual({ during: null, before });
    expect(await db.repositories.accounts.findById(during.id)).toEqual(during);
    await expect(
      db.readSnapshot((repos) => repos.accounts.create(anAccount(), 'h')),
    ).rejects.toThrow();
  });

  it('routes every repository, new ones included, into the running transaction', async () => {
    expect(Object.keys(db.repositories).sort()).toEqual(Object.keys(createRepositories(db.kysely, sqliteCapabilities)).sort());
    const settings = { minimumAge: 18, imprintUrl: null, privacyContact: null };
    await expect(
      db.unitOfWork.transaction(async () => {
        await db.repositories.settings.save(settings);
        expect(await db.repositories.settings.get()).toMatchObject(settings);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await db.repositories.settings.get()).minimumAge).toBe(16);
  });

  it('once closed, reads nothing more: no read, snapshot or transaction opens the file again', async () => {
    const closing = await dialect.create();
    const account = await createdAccount(closing.repositories);
    await closing.close();
    // Hot reads (on SQLite their own connection), a snapshot (on SQLite another one) and a transaction.
    await expect(closing.repositories.sessions.findWithAccount('no such token')).rejects.toThrow();
    await expect(closing.readSnapshot((repos) => repos.accounts.findById(account.id))).rejects.toThrow();
    await expect(closing.unitOfWork.transaction((repos) => repos.accounts.findById(account.id))).rejects.toThrow();
  });
});

describe('connectDatabase with an SQLite url', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-connect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['sqlite:', join(dir, 'nested', 'a.db')],
    ['sqlite://', join(dir, 'b.db')],
    ['', join(dir, 'deeper', 'still', 'c.db')],
  ])('accepts %j followed by an absolute path, creating missing folders', async (prefix, path) => {
    const db = await connectDatabase({ url: `${prefix}${path}` });
    try {
      expect(db.dialect).toBe('sqlite');
      await db.migrate();
      await db.migrate();
      await createdAccount(db.repositories);
      const pragmas = await Promise.all(
        ['journal_mode', 'foreign_keys', 'busy_timeout', 'synchronous'].map(async (name) => {
          const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db.kysely);
          return Object.values(rows[0] ?? {})[0];
        }),
      );
      expect(pragmas).toEqual(['wal', 1, 5000, 1]);
    } finally {
      await db.close();
    }
  });
});

describe('an SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-modes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it('is private to the server’s user, with its folder, WAL and shared-memory files', async () => {
    const path = join(dir, 'new', 'quorum.db');
    const notices: string[] = [];
    const db = await connectDatabase({
      url: `sqlite:${path}`,
      notice: (message) => notices.push(message),
    });
    try {
      await db.migrate();
      await createdAccount(db.repositories);
      expect([
        mode(join(dir, 'new')),
        mode(path),
        mode(`${path}-wal`),
        mode(`${path}-shm`),
      ]).toEqual(['700', '600', '600', '600']);
      expect(notices).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('is made private when it was open to others, and says so', async () => {
    const path = join(dir, 'old.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '');
    chmodSync(`${path}-wal`, 0o664);
    const notices: string[] = [];
    const db = await connectDatabase({
      url: `sqlite:${path}`,
      notice: (message) => notices.push(message),
    });
    try {
      await db.migrate();
      expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual(['600', '600', '600']);
      expect(notices).toEqual([
        `${path} was readable by other users (mode 644); changed to 600`,
        `${path}-wal was readable by other users (mode 664); changed to 600`,
      ]);
    } finally {
      await db.close();
    }
  });
});

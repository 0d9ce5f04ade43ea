import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { anAccount, createdAccount, T0 } from '../testing/fixtures.js';
import { heldTransaction } from '../testing/held-transactions.js';
import { CompiledQueries } from './compiled-queries.js';

describe.each(testDialects)('CompiledQueries on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('compiles a shape once and binds each call’s own parameters', async () => {
    const [ada, bob] = [
      await createdAccount(db.repositories),
      await createdAccount(db.repositories),
    ];
    const queries = new CompiledQueries();
    let builds = 0;
    const byId = (id: string) =>
      queries.run(
        db.kysely as Kysely<never>,
        `${db.dialect}:account-by-id`,
        (param) => {
          builds++;
          return db.kysely
            .selectFrom('accounts')
            .select(['id', 'email'])
            .where('id', '=', param<string>('id'));
        },
        { id },
      );
    expect(await byId(ada.id)).toEqual([{ id: ada.id, email: ada.email }]);
    expect(await byId(bob.id)).toEqual([{ id: bob.id, email: bob.email }]);
    expect(builds).toBe(1);
  });

  // On SQLite they run at once on a read-only connection of their own (decision 036).
  it('outside a transaction a hot read sees what is committed, at once, never a running transaction’s writes', async () => {
    const account = anAccount();
    const session = { id: randomUUID(), accountId: account.id, tokenHash: randomUUID(), createdAt: T0, lastSeenAt: T0 };
    let insideSees: unknown = 'not read';
    const held = heldTransaction(db, async (repos) => {
      await createdAccount(repos, account);
      await repos.sessions.create(session);
      insideSees = await repos.sessions.findWithAccount(session.tokenHash);
    });
    await held.reached;
    expect(insideSees).toMatchObject({ session, account: { id: account.id } });
    // Neither waits for the held transaction (that would never end) nor sees its rows.
    expect(await db.repositories.sessions.findWithAccount(session.tokenHash)).toBeNull();
    held.release();
    await held.done;
    expect(await db.repositories.sessions.findWithAccount(session.tokenHash)).toMatchObject({ session });
  });

  it('refuses a shape whose placeholder does not reach the parameters unchanged', async () => {
    const queries = new CompiledQueries();
    await expect(
      queries.run(
        db.kysely as Kysely<never>,
        'pattern',
        (param) =>
          db.kysely
            .selectFrom('accounts')
            .select('id')
            .where('email', '=', `${param<string>('email')}%`),
        { email: 'a@example.org' },
      ),
    ).rejects.toThrow(/did not reach the SQL unchanged/);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { aDataExport, at, createdAccount } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyDataExportRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('creates a pending export, marks it ready with its size once, and lists newest first', async () => {
    const member = await createdAccount(db.repositories);
    const old = aDataExport(member.id);
    await db.repositories.dataExports.create(old);
    expect(await db.repositories.dataExports.findById(old.id)).toEqual(old);
    expect(await db.repositories.dataExports.findPending(member.id)).toEqual(old);

    expect(await db.repositories.dataExports.markReady(old.id, 65_792, at(1))).toBe(true);
    const ready = { ...old, status: 'ready' as const, readyAt: at(1), sizeBytes: 65_792 };
    expect(await db.repositories.dataExports.findById(old.id)).toEqual(ready);
    expect(await db.repositories.dataExports.findPending(member.id)).toBeNull();
    // Only a pending export becomes ready: a second runner, or one after a failure, changes nothing.
    expect(await db.repositories.dataExports.markReady(old.id, 1, at(2))).toBe(false);
    expect(await db.repositories.dataExports.findById(old.id)).toEqual(ready);

    const failed = aDataExport(member.id, { createdAt: at(2) });
    await db.repositories.dataExports.create(failed);
    await db.repositories.dataExports.markFailed(failed.id);
    expect(await db.repositories.dataExports.markReady(failed.id, 1, at(3))).toBe(false);
    expect(await db.repositories.dataExports.markReady(randomUUID(), 1, at(3))).toBe(false);
    expect(await db.repositories.dataExports.listForAccount(member.id)).toEqual([
      { ...failed, status: 'failed' },
      ready,
    ]);
    expect(await db.repositories.dataExports.findPending(member.id)).toBeNull();
  });

  it('tells which exports keep their files: pending and ready ones, not failed or gone ones', async () => {
    const member = await createdAccount(db.repositories);
    const [pending, ready, failed] = [
      aDataExport(member.id),
      aDataExport(member.id, { createdAt: at(1) }),
      aDataExport(member.id, { createdAt: at(2) }),
    ];
    await db.repositories.dataExports.create(ready);
    await db.repositories.dataExports.markReady(ready.id, 10, at(1));
    await db.repositories.dataExports.create(failed);
    await db.repositories.dataExports.markFailed(failed.id);
    await db.repositories.dataExports.create(pending);
    const gone = randomUUID();
    expect(
      (await db.repositories.dataExports.withFiles([pending.id, ready.id, failed.id, gone])).sort(),
    ).toEqual([pending.id, ready.id].sort());
    expect(await db.repositories.dataExports.withFiles([])).toEqual([]);
  });

  it('refuses a second pending export of one member (a race past the use case’s check)', async () => {
    const member = await createdAccount(db.repositories);
    const first = aDataExport(member.id);
    await db.repositories.dataExports.create(first);
    await expect(db.repositories.dataExports.create(aDataExport(member.id))).rejects.toMatchObject({
      code: 'EXPORT_IN_PROGRESS',
    });
    await db.repositories.dataExports.markReady(first.id, 1, at(1));
    await db.repositories.dataExports.create(aDataExport(member.id, { createdAt: at(2) }));
    expect((await db.repositories.dataExports.listForAccount(member.id)).map((e) => e.status).sort()).toEqual(['pending', 'ready']);
  });

  it('knows whose export is whose; a staff requester may be cleared, the member’s exports go with the account', async () => {
    const [member, staff, other] = [await createdAccount(db.repositories), await createdAccount(db.repositories), await createdAccount(db.repositories)];
    const byStaff = aDataExport(member.id, { requestedBy: staff.id });
    await db.repositories.dataExports.create(byStaff);
    await db.repositories.dataExports.create(aDataExport(other.id));
    expect(await db.repositories.dataExports.listForAccount(member.id)).toEqual([byStaff]);
    expect(await db.repositories.dataExports.findById(randomUUID())).toBeNull();
    await db.kysely.deleteFrom('accounts').where('id', '=', staff.id).execute();
    expect(await db.repositories.dataExports.findById(byStaff.id)).toEqual({ ...byStaff, requestedBy: null });
    await db.kysely.deleteFrom('accounts').where('id', '=', member.id).execute();
    expect(await db.repositories.dataExports.listForAccount(member.id)).toEqual([]);
    expect(await db.repositories.dataExports.listForAccount(other.id)).toHaveLength(1);
    await expect(db.repositories.dataExports.create(aDataExport(other.id, { status: 'lost' as 'ready' }))).rejects.toThrow();
  });
});

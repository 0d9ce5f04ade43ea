import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataMap } from '@quorum/domain/privacy/data-map';
import type { QuorumDatabase } from '../connect.js';
import { doneOrWaiting, heldTransaction } from '../testing/held-transactions.js';
import { testDialects } from '../testing/dialects.js';
import type { AuditEntry } from '@quorum/domain/privacy/audit';
import type { AuditLogFilter } from '@quorum/domain/privacy/privacy.port';
import {
  anAuditEntry,
  at,
  createdAccount,
  createdCommunity,
  expectDomainError,
  firstPage,
} from '../testing/fixtures.js';

describe.each(testDialects)('KyselyAuditLogRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('lists entries about a member and per community, newest first; all of them for instance admins', async () => {
    const [staff, member, other] = [
      await createdAccount(db.repositories),
      await createdAccount(db.repositories),
      await createdAccount(db.repositories),
    ];
    const community = await createdCommunity(db.repositories);
    const viewed = anAuditEntry({
      actorId: staff.id,
      subjectId: member.id,
      communityId: community.id,
      occurredAt: at(1),
    });
    const exported = anAuditEntry({
      actorId: staff.id,
      subjectId: member.id,
      communityId: community.id,
      action: 'member.export_requested',
      occurredAt: at(2),
    });
    const instanceWide = anAuditEntry({
      actorId: staff.id,
      subjectId: other.id,
      action: 'member.erased',
      reason: 'Antrag per Brief vom 3. Mai',
      occurredAt: at(3),
    });
    const policy = anAuditEntry({
      actorId: staff.id,
      action: 'policy.published',
      occurredAt: at(0),
    });
    for (const entry of [viewed, exported, instanceWide, policy])
      await db.repositories.auditLog.append(entry);

    expect(await db.repositories.auditLog.listForSubject(member.id)).toEqual([exported, viewed]);
    const names = (entry: AuditEntry) => ({
      ...entry,
      actorName: entry.actorId ? staff.displayName : null,
      subjectName:
        entry.subjectId === member.id
          ? member.displayName
          : entry.subjectId === other.id
            ? other.displayName
            : null,
    });
    const list = (filter: Partial<AuditLogFilter>) =>
      db.repositories.auditLog.listPage(
        { communityId: null, member: null, actions: null, ...filter },
        firstPage,
      );
    expect((await list({ communityId: community.id })).items).toEqual(
      [exported, viewed].map(names),
    );
    expect(await list({})).toMatchObject({
      items: [instanceWide, exported, viewed, policy].map(names),
      total: 4,
    });
    // By member (who acted or whose data, any case) and by action.
    expect((await list({ member: member.displayName.toUpperCase() })).items).toEqual(
      [exported, viewed].map(names),
    );
    expect((await list({ member: staff.displayName.slice(-6) })).total).toBe(4);
    expect((await list({ actions: ['member.erased', 'policy.published'] })).items).toEqual(
      [instanceWide, policy].map(names),
    );
    expect((await list({ communityId: community.id, actions: ['member.erased'] })).items).toEqual(
      [],
    );
    expect(await db.repositories.auditLog.listForSubject(staff.id)).toEqual([]);
  });

  it('keeps entries when their community goes (community_id cleared) and refuses unknown actions', async () => {
    const community = await createdCommunity(db.repositories);
    const entry = anAuditEntry({
      communityId: community.id,
      subjectId: (await createdAccount(db.repositories)).id,
    });
    await db.repositories.auditLog.append(entry);
    await db.kysely.deleteFrom('communities').where('id', '=', community.id).execute();
    expect(await db.repositories.auditLog.listForSubject(entry.subjectId!)).toEqual([
      { ...entry, communityId: null },
    ]);
    await expect(
      db.repositories.auditLog.append(anAuditEntry({ action: 'member.spied' as 'member.erased' })),
    ).rejects.toThrow();
  });
  describe('entries naming an account', () => {
    it('are refused once the account is gone; an erased member is named by the tombstone only', async () => {
      await expectDomainError(
        db.repositories.auditLog.append(anAuditEntry({ subjectId: randomUUID() })),
        'NOT_FOUND',
      );
      await expectDomainError(
        db.repositories.auditLog.append(anAuditEntry({ actorId: randomUUID() })),
        'NOT_FOUND',
      );
      const member = await createdAccount(db.repositories);
      const tombstone = randomUUID();
      await db.unitOfWork.transaction((repos) =>
        repos.personalData.erase(member.id, tombstone, dataMap, at(1)),
      );
      const erased = anAuditEntry({ actorId: tombstone, subjectId: tombstone, action: 'member.erased' });
      await db.repositories.auditLog.append(erased);
      expect(await db.repositories.auditLog.listForSubject(tombstone)).toEqual([erased]);
    });

    it('wait for an erasure running meanwhile, then fail: no entry keeps the real id', async () => {
      const [staff, member] = [
        await createdAccount(db.repositories),
        await createdAccount(db.repositories),
      ];
      const erasure = heldTransaction(db, (repos) =>
        repos.personalData.erase(member.id, randomUUID(), dataMap, at(1)),
      );
      await erasure.reached;
      // Staff opened the member's details a moment ago; the access is logged now.
      const late = db.unitOfWork.transaction((repos) =>
        repos.auditLog.append(anAuditEntry({ actorId: staff.id, subjectId: member.id })),
      );
      await doneOrWaiting(db, late);
      erasure.release();
      await erasure.done;
      await expectDomainError(late, 'NOT_FOUND');
      expect(await db.repositories.auditLog.listForSubject(member.id)).toEqual([]);
    });

    it('that started first are pseudonymized with the account (the erasure waits for them)', async () => {
      const [staff, member] = [
        await createdAccount(db.repositories),
        await createdAccount(db.repositories),
      ];
      const entry = anAuditEntry({ actorId: staff.id, subjectId: member.id });
      const write = heldTransaction(db, (repos) => repos.auditLog.append(entry));
      await write.reached;
      const tombstone = randomUUID();
      const erasure = db.unitOfWork.transaction((repos) =>
        repos.personalData.erase(member.id, tombstone, dataMap, at(1)),
      );
      await doneOrWaiting(db, erasure);
      write.release();
      await write.done;
      await erasure;
      expect(await db.repositories.auditLog.listForSubject(member.id)).toEqual([]);
      expect(await db.repositories.auditLog.listForSubject(tombstone)).toEqual([
        { ...entry, subjectId: tombstone },
      ]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import type { AuditEntry } from '@quorum/domain/privacy/audit';
import type { AuditLogFilter } from '@quorum/domain/privacy/privacy.port';
import { anAuditEntry, at, createdAccount, createdCommunity, firstPage } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyAuditLogRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('lists entries about a member and per community, newest first; all of them for instance admins', async () => {
    const [staff, member, other] = [await createdAccount(db.repositories), await createdAccount(db.repositories), await createdAccount(db.repositories)];
    const community = await createdCommunity(db.repositories);
    const viewed = anAuditEntry({ actorId: staff.id, subjectId: member.id, communityId: community.id, occurredAt: at(1) });
    const exported = anAuditEntry({ actorId: staff.id, subjectId: member.id, communityId: community.id, action: 'member.export_requested', occurredAt: at(2) });
    const instanceWide = anAuditEntry({ actorId: staff.id, subjectId: other.id, action: 'member.erased', reason: 'Antrag per Brief vom 3. Mai', occurredAt: at(3) });
    const policy = anAuditEntry({ actorId: staff.id, action: 'policy.published', occurredAt: at(0) });
    for (const entry of [viewed, exported, instanceWide, policy]) await db.repositories.auditLog.append(entry);

    expect(await db.repositories.auditLog.listForSubject(member.id)).toEqual([exported, viewed]);
    const names = (entry: AuditEntry) => ({
      ...entry,
      actorName: entry.actorId ? staff.displayName : null,
      subjectName: entry.subjectId === member.id ? member.displayName : entry.subjectId === other.id ? other.displayName : null,
    });
    const list = (filter: Partial<AuditLogFilter>) =>
      db.repositories.auditLog.listPage({ communityId: null, member: null, actions: null, ...filter }, firstPage);
    expect((await list({ communityId: community.id })).items).toEqual([exported, viewed].map(names));
    expect(await list({})).toMatchObject({ items: [instanceWide, exported, viewed, policy].map(names), total: 4 });
    // By member (who acted or whose data, any case) and by action.
    expect((await list({ member: member.displayName.toUpperCase() })).items).toEqual([exported, viewed].map(names));
    expect((await list({ member: staff.displayName.slice(-6) })).total).toBe(4);
    expect((await list({ actions: ['member.erased', 'policy.published'] })).items).toEqual([instanceWide, policy].map(names));
    expect((await list({ communityId: community.id, actions: ['member.erased'] })).items).toEqual([]);
    expect(await db.repositories.auditLog.listForSubject(staff.id)).toEqual([]);
  });

  it('keeps entries when their community goes (community_id cleared) and refuses unknown actions', async () => {
    const community = await createdCommunity(db.repositories);
    const entry = anAuditEntry({ communityId: community.id, subjectId: (await createdAccount(db.repositories)).id });
    await db.repositories.auditLog.append(entry);
    await db.kysely.deleteFrom('communities').where('id', '=', community.id).execute();
    expect(await db.repositories.auditLog.listForSubject(entry.subjectId!)).toEqual([{ ...entry, communityId: null }]);
    await expect(db.repositories.auditLog.append(anAuditEntry({ action: 'member.spied' as 'member.erased' }))).rejects.toThrow();
  });
});

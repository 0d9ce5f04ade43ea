import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { aConsentEvent, at, createdAccount, createdCommunity, publishedText, T0 } from '../testing/fixtures.js';

const insertOnly = /consent_events is insert-only/;

describe.each(testDialects)('KyselyConsentLedgerRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  let text: PolicyText;
  beforeAll(async () => {
    db = await dialect.create();
    text = await publishedText(db.repositories, { document: 'consent:research_surveys' });
  });
  afterAll(() => db?.close());

  it('appends events and lists a member’s own in ledger order', async () => {
    const member = await createdAccount(db.repositories);
    const other = await createdAccount(db.repositories);
    const community = await createdCommunity(db.repositories);
    const later = aConsentEvent(member.id, text, { action: 'withdraw', channel: 'prompt', occurredAt: at(2) });
    const first = aConsentEvent(member.id, text, { channel: 'sign_up', occurredAt: at(1) });
    const scoped = aConsentEvent(member.id, text, { communityId: community.id, purposeId: 'beta_panel', channel: 'join', occurredAt: at(3) });
    for (const event of [later, first, scoped, aConsentEvent(other.id, text)]) await db.repositories.consentLedger.append(event);
    expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([first, later, scoped]);
    expect(await db.repositories.consentLedger.listForAccount(randomUUID())).toEqual([]);
  });

  it('refuses unknown actions and channels, and events for texts that do not exist', async () => {
    const member = await createdAccount(db.repositories);
    await expect(db.repositories.consentLedger.append(aConsentEvent(member.id, text, { action: 'maybe' as 'grant' }))).rejects.toThrow();
    await expect(db.repositories.consentLedger.append(aConsentEvent(member.id, text, { channel: 'phone' as 'admin' }))).rejects.toThrow();
    await expect(db.repositories.consentLedger.append(aConsentEvent(member.id, { ...text, id: randomUUID() }))).rejects.toThrow();
    expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([]);
  });

  describe('insert-only triggers', () => {
    async function memberWithEvent() {
      const member = await createdAccount(db.repositories);
      const event = aConsentEvent(member.id, text);
      await db.repositories.consentLedger.append(event);
      return { member, event };
    }

    it('refuse a plain UPDATE and a plain DELETE with a clear error', async () => {
      const { member, event } = await memberWithEvent();
      await expect(db.kysely.updateTable('consent_events').set({ action: 'withdraw' }).where('id', '=', event.id).execute()).rejects.toThrow(
        insertOnly,
      );
      await expect(db.kysely.deleteFrom('consent_events').where('id', '=', event.id).execute()).rejects.toThrow(insertOnly);
      await expect(sql`delete from consent_events`.execute(db.kysely)).rejects.toThrow(insertOnly);
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([event]);
    });

    it('refuse too inside a transaction without the member’s marker (another member’s marker does not count)', async () => {
      const { member, event } = await memberWithEvent();
      const bystander = await createdAccount(db.repositories);
      await expect(
        db.kysely.transaction().execute(async (trx) => {
          await trx.insertInto('erasure_markers').values({ account_id: bystander.id, tombstone_id: randomUUID(), created_at: T0.toISOString() }).execute();
          await trx.updateTable('consent_events').set({ account_id: randomUUID() }).where('id', '=', event.id).execute();
        }),
      ).rejects.toThrow(insertOnly);
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([event]);
      expect(await db.kysely.selectFrom('erasure_markers').selectAll().execute()).toEqual([]);
    });

    it('allow UPDATE and DELETE inside a transaction holding the member’s erasure marker', async () => {
      const { member, event } = await memberWithEvent();
      const second = aConsentEvent(member.id, text, { occurredAt: at(1) });
      await db.repositories.consentLedger.append(second);
      const tombstone = randomUUID();
      const createdAt = T0.toISOString();
      await db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('erasure_markers').values({ account_id: member.id, tombstone_id: tombstone, created_at: createdAt }).execute();
        await trx.deleteFrom('consent_events').where('id', '=', second.id).execute();
        await trx.updateTable('consent_events').set({ account_id: tombstone }).where('id', '=', event.id).execute();
        await trx.deleteFrom('erasure_markers').where('account_id', '=', member.id).execute();
      });
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([]);
      expect(await db.repositories.consentLedger.listForAccount(tombstone)).toEqual([{ ...event, accountId: tombstone }]);
      // The marker is gone: the tombstoned event cannot be rewritten any more.
      await expect(db.kysely.updateTable('consent_events').set({ action: 'withdraw' }).where('id', '=', event.id).execute()).rejects.toThrow(
        insertOnly,
      );
    });

    it('allow deleting (not updating) events whose account id is an erased member’s tombstone', async () => {
      const tombstone = randomUUID();
      await db.kysely.insertInto('erasure_tombstones').values({ tombstone_id: tombstone, erased_at: T0.toISOString() }).execute();
      const event = aConsentEvent(tombstone, text);
      await db.repositories.consentLedger.append(event);
      await expect(db.kysely.updateTable('consent_events').set({ action: 'withdraw' }).where('id', '=', event.id).execute()).rejects.toThrow(
        insertOnly,
      );
      await db.kysely.deleteFrom('consent_events').where('id', '=', event.id).execute();
      expect(await db.repositories.consentLedger.listForAccount(tombstone)).toEqual([]);
    });
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayProcess } from '@quorum/domain/consent/consent-gate';
import { consentKey, foldConsentLedger, type ConsentState } from '@quorum/domain/consent/consent-ledger';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import { corePurposes, findPurpose } from '@quorum/domain/consent/purpose-register';
import { dataMap } from '@quorum/domain/privacy/data-map';
import type { QuorumDatabase, Repositories } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { doneOrWaiting } from '../testing/held-transactions.js';
import { aConsentEvent, at, createdAccount, createdCommunity, expectDomainError, publishedText, T0 } from '../testing/fixtures.js';

const insertOnly = /consent_events is insert-only/;
const immutable = /policy_texts are immutable/;

describe.each(testDialects)('KyselyConsentLedgerRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  let text: PolicyText;
  beforeAll(async () => {
    db = await dialect.create();
    text = await publishedText(db.repositories, { document: 'consent:research_surveys' });
  });
  afterAll(() => db?.close());

  it('appends events and lists a member’s own in the order appended (not by their time)', async () => {
    const member = await createdAccount(db.repositories);
    const other = await createdAccount(db.repositories);
    const community = await createdCommunity(db.repositories);
    const later = aConsentEvent(member.id, text, { action: 'withdraw', channel: 'prompt', occurredAt: at(2) });
    const first = aConsentEvent(member.id, text, { channel: 'sign_up', occurredAt: at(1) });
    const scoped = aConsentEvent(member.id, text, { communityId: community.id, purposeId: 'beta_panel', channel: 'join', occurredAt: at(3) });
    for (const event of [later, first, scoped, aConsentEvent(other.id, text)]) await db.repositories.consentLedger.append(event);
    expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([later, first, scoped]);
    expect(await db.repositories.consentLedger.listForAccount(randomUUID())).toEqual([]);
  });

  it('refuses unknown actions and channels, and events for texts that do not exist', async () => {
    const member = await createdAccount(db.repositories);
    await expect(db.repositories.consentLedger.append(aConsentEvent(member.id, text, { action: 'maybe' as 'grant' }))).rejects.toThrow();
    await expect(db.repositories.consentLedger.append(aConsentEvent(member.id, text, { channel: 'phone' as 'admin' }))).rejects.toThrow();
    await expect(db.repositories.consentLedger.append(aConsentEvent(member.id, { ...text, id: randomUUID() }))).rejects.toThrow();
    expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([]);
  });

  describe('ledger order', () => {
    it('is the order of appending, whatever the clock says (same millisecond, clocks stepping back)', async () => {
      const member = await createdAccount(db.repositories);
      const sameInstant = [aConsentEvent(member.id, text, { occurredAt: at(5) }), aConsentEvent(member.id, text, { action: 'withdraw', occurredAt: at(5) })];
      const steppedBack = [aConsentEvent(member.id, text, { occurredAt: at(5) }), aConsentEvent(member.id, text, { action: 'withdraw', occurredAt: at(4) })];
      for (const events of [sameInstant, steppedBack]) {
        for (const event of events) await db.repositories.consentLedger.append(event);
      }
      const appended = [...sameInstant, ...steppedBack];
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual(appended);
      expect(foldConsentLedger(appended).get('research_surveys')?.status).toBe('withdrawn');
    });

    it('for any events and clocks, the fold and the current-consent table agree with the last event appended (property)', async () => {
      const community = await createdCommunity(db.repositories);
      const versions = [text, await publishedText(db.repositories, { document: 'consent:research_surveys', version: 2 })];
      const scopes = [null, community.id] as const;
      const step = fc.record({
        member: fc.nat(1),
        scope: fc.constantFrom(...scopes),
        action: fc.constantFrom('grant' as const, 'withdraw' as const),
        version: fc.constantFrom(0, 1),
        // Milliseconds around one instant: many equal, some earlier than the event before.
        clock: fc.integer({ min: -3, max: 3 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          const members = [await createdAccount(db.repositories), await createdAccount(db.repositories)];
          const last = new Map<string, { action: string; version: number }>();
          for (const { member, scope, action, version, clock } of steps) {
            const shown = versions[version]!;
            const event = aConsentEvent(members[member]!.id, shown, { communityId: scope, action, occurredAt: new Date(T0.getTime() + clock) });
            await db.repositories.consentLedger.append(event);
            last.set(`${member}/${consentKey(scope, 'research_surveys')}`, { action, version: shown.version });
          }
          for (const [index, member] of members.entries()) {
            const folded = foldConsentLedger(await db.repositories.consentLedger.listForAccount(member.id));
            for (const scope of scopes) {
              const expected = last.get(`${index}/${consentKey(scope, 'research_surveys')}`);
              const state = folded.get(consentKey(scope, 'research_surveys'));
              expect(state && { action: state.status === 'granted' ? 'grant' : 'withdraw', version: state.version }).toEqual(expected);
            }
            const current = await db.repositories.consentLedger.currentForAccount(member.id);
            expect(sortStates(current)).toEqual(sortStates([...folded.values()]));
          }
          const purpose = { ...findPurpose(corePurposes, 'research_surveys')! };
          for (const scope of scopes) {
            for (const version of [1, 2]) {
              const granted = await db.repositories.consentLedger.grantedOn({
                communityId: scope,
                purposeId: 'research_surveys',
                version,
                audience: { accountIds: members.map((member) => member.id) },
              });
              const expected = [];
              for (const member of members) {
                const state = foldConsentLedger(await db.repositories.consentLedger.listForAccount(member.id)).get(consentKey(scope, 'research_surveys'));
                if (mayProcess({ purpose: { ...purpose, communityId: scope }, state, currentVersion: version })) expected.push(member.id);
              }
              expect([...granted].sort()).toEqual(expected.sort());
            }
          }
        }),
        { numRuns: 25 },
      );
    });

    it('with writers in concurrent transactions, the current-consent table equals the fold of what committed (property)', { timeout: 60_000 }, async () => {
      const community = await createdCommunity(db.repositories);
      const scopes = [null, community.id] as const;
      const step = fc.record({
        member: fc.nat(1),
        scope: fc.constantFrom(...scopes),
        action: fc.constantFrom('grant' as const, 'withdraw' as const),
        writer: fc.nat(3),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 16 }), async (steps) => {
          const members = [
            await createdAccount(db.repositories),
            await createdAccount(db.repositories),
          ];
          // Up to four transactions at once, each appending its share of the steps in turn
          // (on PostgreSQL they interleave; SQLite runs them one after another).
          const writers = [0, 1, 2, 3].map((writer) =>
            db.unitOfWork.transaction(async (repos) => {
              for (const { member, scope, action } of steps.filter((s) => s.writer === writer)) {
                await repos.consentLedger.append(
                  aConsentEvent(members[member]!.id, text, { communityId: scope, action }),
                );
              }
            }),
          );
          for (const outcome of await Promise.allSettled(writers)) {
            // Two writers taking one member's rows in opposite order: the database ends one.
            if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/deadlock/);
          }
          for (const member of members) {
            const folded = foldConsentLedger(await db.repositories.consentLedger.listForAccount(member.id));
            const current = await db.repositories.consentLedger.currentForAccount(member.id);
            expect(sortStates(current)).toEqual(sortStates([...folded.values()]));
          }
        }),
        { numRuns: 15 },
      );
    });

    it('answers "who may we process?" for a community’s members in one query', async () => {
      const community = await createdCommunity(db.repositories);
      const [yes, withdrawn, outsider, never] = [
        await createdAccount(db.repositories),
        await createdAccount(db.repositories),
        await createdAccount(db.repositories),
        await createdAccount(db.repositories),
      ];
      for (const member of [yes, withdrawn, never]) {
        await db.repositories.memberships.add({ communityId: community.id, accountId: member.id, role: 'member', joinedAt: T0 });
      }
      for (const account of [yes, withdrawn, outsider]) await db.repositories.consentLedger.append(aConsentEvent(account.id, text));
      await db.repositories.consentLedger.append(aConsentEvent(withdrawn.id, text, { action: 'withdraw' }));
      const query = { communityId: null, purposeId: 'research_surveys', version: text.version };
      expect(await db.repositories.consentLedger.grantedOn({ ...query, audience: { membersOf: community.id } })).toEqual(new Set([yes.id]));
      expect(await db.repositories.consentLedger.grantedOn({ ...query, version: 2, audience: { membersOf: community.id } })).toEqual(new Set());
      expect(await db.repositories.consentLedger.grantedOn({ ...query, audience: { accountIds: [outsider.id, never.id] } })).toEqual(new Set([outsider.id]));
      expect(await db.repositories.consentLedger.grantedOn({ ...query, audience: { accountIds: [] } })).toEqual(new Set());
    });
  });

  describe('writes for an account', () => {
    it('of two requests deciding one member’s purposes in opposite order both land (no deadlock)', async () => {
      const member = await createdAccount(db.repositories);
      const community = await createdCommunity(db.repositories);
      const [first, second] = [null, community.id];
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const one = db.unitOfWork.transaction(async (repos) => {
        await repos.consentLedger.append(aConsentEvent(member.id, text, { communityId: first }));
        reach();
        await gate;
        await repos.consentLedger.append(aConsentEvent(member.id, text, { communityId: second }));
      });
      await reached;
      const other = db.unitOfWork.transaction(async (repos) => {
        await repos.consentLedger.append(aConsentEvent(member.id, text, { communityId: second, action: 'withdraw' }));
        await repos.consentLedger.append(aConsentEvent(member.id, text, { communityId: first, action: 'withdraw' }));
      });
      await doneOrWaiting(db, other);
      release();
      await expect(Promise.all([one, other])).resolves.toBeDefined();
      const current = await db.repositories.consentLedger.currentForAccount(member.id);
      expect(sortStates(current)).toEqual(
        sortStates([...foldConsentLedger(await db.repositories.consentLedger.listForAccount(member.id)).values()]),
      );
    });

    it('are refused once the account is gone', async () => {
      await expectDomainError(db.repositories.consentLedger.append(aConsentEvent(randomUUID(), text)), 'NOT_FOUND');
    });

    it('wait for an erasure running meanwhile, then fail: no event keeps the real id', async () => {
      const member = await createdAccount(db.repositories);
      const erasure = held((repos) => repos.personalData.erase(member.id, randomUUID(), dataMap, at(1)));
      await erasure.reached;
      const late = db.unitOfWork.transaction((repos) => repos.consentLedger.append(aConsentEvent(member.id, text)));
      erasure.release();
      await erasure.done;
      await expectDomainError(late, 'NOT_FOUND');
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([]);
    });

    it('that started first are erased with the account (the erasure waits for them)', async () => {
      const member = await createdAccount(db.repositories);
      const event = aConsentEvent(member.id, text);
      const write = held((repos) => repos.consentLedger.append(event));
      await write.reached;
      const tombstone = randomUUID();
      const erasure = db.unitOfWork.transaction((repos) => repos.personalData.erase(member.id, tombstone, dataMap, at(1)));
      write.release();
      await write.done;
      await erasure;
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([]);
      expect(await db.repositories.consentLedger.listForAccount(tombstone)).toEqual([{ ...event, accountId: tombstone }]);
    });
  });

  describe('insert-only triggers', () => {
    async function memberWithEvent() {
      const member = await createdAccount(db.repositories);
      const event = aConsentEvent(member.id, text);
      await db.repositories.consentLedger.append(event);
      return { member, event };
    }
    const marker = (accountId: string, tombstoneId: string) => ({ account_id: accountId, tombstone_id: tombstoneId, created_at: T0.toISOString() });

    it('refuse a plain UPDATE and a plain DELETE with a clear error', async () => {
      const { member, event } = await memberWithEvent();
      await expect(db.kysely.updateTable('consent_events').set({ action: 'withdraw' }).where('id', '=', event.id).execute()).rejects.toThrow(
        insertOnly,
      );
      await expect(db.kysely.deleteFrom('consent_events').where('id', '=', event.id).execute()).rejects.toThrow(insertOnly);
      await expect(sql`delete from consent_events`.execute(db.kysely)).rejects.toThrow(insertOnly);
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([event]);
    });

    it('refuse a transaction that inserts the member’s marker while the account exists (no rewrite of history)', async () => {
      const { member, event } = await memberWithEvent();
      const tombstone = randomUUID();
      for (const rewrite of [
        { action: 'grant', occurred_at: at(-30).toISOString() },
        { account_id: tombstone },
      ] as const) {
        await expect(
          db.kysely.transaction().execute(async (trx) => {
            await trx.insertInto('erasure_markers').values(marker(member.id, tombstone)).execute();
            await trx.updateTable('consent_events').set(rewrite).where('id', '=', event.id).execute();
          }),
        ).rejects.toThrow(insertOnly);
      }
      await expect(
        db.kysely.transaction().execute(async (trx) => {
          await trx.insertInto('erasure_markers').values(marker(member.id, tombstone)).execute();
          await trx.deleteFrom('consent_events').where('id', '=', event.id).execute();
        }),
      ).rejects.toThrow(insertOnly);
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([event]);
      expect(await db.kysely.selectFrom('erasure_markers').selectAll().execute()).toEqual([]);
    });

    it('let an erasure change nothing but the account id, and only to its own tombstone', async () => {
      const { member, event } = await memberWithEvent();
      const tombstone = randomUUID();
      const erasing = async (rewrite: { account_id?: string; action?: string; occurred_at?: string }) =>
        db.kysely.transaction().execute(async (trx) => {
          await trx.insertInto('erasure_markers').values(marker(member.id, tombstone)).execute();
          await trx.deleteFrom('accounts').where('id', '=', member.id).execute();
          await trx.updateTable('consent_events').set(rewrite).where('id', '=', event.id).execute();
          await trx.deleteFrom('erasure_markers').where('account_id', '=', member.id).execute();
        });
      await expect(erasing({ account_id: tombstone, action: 'withdraw' })).rejects.toThrow(insertOnly);
      await expect(erasing({ account_id: tombstone, occurred_at: at(-30).toISOString() })).rejects.toThrow(insertOnly);
      await expect(erasing({ account_id: randomUUID() })).rejects.toThrow(insertOnly);
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([event]);
      await erasing({ account_id: tombstone });
      expect(await db.repositories.consentLedger.listForAccount(tombstone)).toEqual([{ ...event, accountId: tombstone }]);
      // The marker is gone: the tombstoned event cannot be rewritten any more.
      await expect(db.kysely.updateTable('consent_events').set({ action: 'withdraw' }).where('id', '=', event.id).execute()).rejects.toThrow(
        insertOnly,
      );
    });

    it('allow deleting (not updating) events of an erased member, found by their tombstone', async () => {
      const { member, event } = await memberWithEvent();
      const tombstone = randomUUID();
      await db.repositories.personalData.erase(member.id, tombstone, dataMap, at(1));
      await expect(db.kysely.updateTable('consent_events').set({ action: 'withdraw' }).where('id', '=', event.id).execute()).rejects.toThrow(
        insertOnly,
      );
      await db.kysely.deleteFrom('consent_events').where('id', '=', event.id).execute();
      expect(await db.repositories.consentLedger.listForAccount(tombstone)).toEqual([]);
    });

    it('refuse deleting a living member’s events behind a forged tombstone', async () => {
      const { member, event } = await memberWithEvent();
      await db.kysely.insertInto('erasure_tombstones').values({ tombstone_id: member.id, erased_at: T0.toISOString() }).execute();
      await expect(db.kysely.deleteFrom('consent_events').where('id', '=', event.id).execute()).rejects.toThrow(insertOnly);
      expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([event]);
    });

    // SQLite has no TRUNCATE: its "delete from" without a where runs the row triggers (tested above).
    if (dialect.name === 'postgres') {
      it('refuse TRUNCATE of the ledger and of the policy texts', async () => {
      await memberWithEvent();
      await expect(sql`truncate consent_events`.execute(db.kysely)).rejects.toThrow(insertOnly);
      await expect(sql`truncate policy_texts cascade`.execute(db.kysely)).rejects.toThrow(immutable);
      expect(await db.kysely.selectFrom('consent_events').select('id').execute()).not.toEqual([]);
      });
    }
  });

  describe('published policy texts', () => {
    it('cannot be changed or deleted; only the publisher reference may be cleared', async () => {
      const publisher = await createdAccount(db.repositories);
      const published = await publishedText(db.repositories, { document: 'consent:email_notifications', publishedBy: publisher.id });
      for (const change of [{ body: 'Something else entirely, quietly.' }, { body_hash: 'f'.repeat(64) }, { version: 9 }, { published_by: randomUUID() }]) {
        await expect(db.kysely.updateTable('policy_texts').set(change).where('id', '=', published.id).execute()).rejects.toThrow(immutable);
      }
      await expect(db.kysely.deleteFrom('policy_texts').where('id', '=', published.id).execute()).rejects.toThrow(immutable);
      await db.kysely.updateTable('policy_texts').set({ published_by: null }).where('id', '=', published.id).execute();
      expect(await db.repositories.policyTexts.findById(published.id)).toEqual({ ...published, publishedBy: null });
    });
  });

  /** Runs `work` in a transaction that stays open until released: another transaction's view of it. */
  function held(work: (repos: Repositories) => Promise<unknown>) {
    let reach!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done = db.unitOfWork.transaction(async (repos) => {
      await work(repos);
      reach();
      await gate;
    });
    return { reached, release, done };
  }
});

function sortStates(states: readonly ConsentState[]) {
  return [...states].sort((a, b) => consentKey(a.communityId, a.purposeId).localeCompare(consentKey(b.communityId, b.purposeId)));
}

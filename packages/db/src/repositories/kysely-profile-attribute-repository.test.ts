import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import type { AttributeValue } from '@quorum/domain/communities/profile-attribute';
import { aConsentEvent, anAttribute, at, createdAccount, createdCommunity, expectDomainError, publishedText, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('profile attribute and value repositories on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function memberOf(communityId: string) {
    const account = await createdAccount(db.repositories);
    await db.repositories.memberships.add({ communityId, accountId: account.id, role: 'member', joinedAt: T0 });
    return account;
  }

  describe('attributes', () => {
    it('creates, finds, lists by position, updates and deletes', async () => {
      const community = await createdCommunity(db.repositories);
      const region = anAttribute(community.id, { key: 'region', position: 1, required: true });
      const since = anAttribute(community.id, { key: 'customer_since', type: 'date', options: [], position: 0 });
      await db.repositories.profileAttributes.create(region);
      await db.repositories.profileAttributes.create(since);
      await db.repositories.profileAttributes.create(anAttribute((await createdCommunity(db.repositories)).id));
      expect(await db.repositories.profileAttributes.findById(region.id)).toEqual(region);
      expect(await db.repositories.profileAttributes.list(community.id)).toEqual([since, region]);

      const renamed = { ...region, key: 'area', label: { de: 'Gebiet', en: 'Area' }, required: false, position: 5, type: 'multiple_choice' as const };
      await db.repositories.profileAttributes.update(renamed);
      expect(await db.repositories.profileAttributes.findById(region.id)).toEqual(renamed);

      await db.repositories.profileAttributes.delete(since.id);
      expect(await db.repositories.profileAttributes.findById(since.id)).toBeNull();
      expect(await db.repositories.profileAttributes.list(community.id)).toEqual([renamed]);
    });

    it('refuses a key twice in one community (CONFLICT, on create and update) and an unknown type', async () => {
      const community = await createdCommunity(db.repositories);
      const first = anAttribute(community.id, { key: 'region' });
      await db.repositories.profileAttributes.create(first);
      await db.repositories.profileAttributes.create(anAttribute((await createdCommunity(db.repositories)).id, { key: 'region' }));
      await expectDomainError(db.repositories.profileAttributes.create(anAttribute(community.id, { key: 'region' })), 'CONFLICT');
      const second = anAttribute(community.id, { key: 'product' });
      await db.repositories.profileAttributes.create(second);
      await expectDomainError(db.repositories.profileAttributes.update({ ...second, key: 'region' }), 'CONFLICT');
      await expect(db.repositories.profileAttributes.create(anAttribute(community.id, { type: 'color' as 'text' }))).rejects.toThrow();
    });
  });

  describe('values', () => {
    it('upserts every value shape, lists in attribute order, and deletes one answer', async () => {
      const community = await createdCommunity(db.repositories);
      const member = await memberOf(community.id);
      const other = await memberOf(community.id);
      const attrs = [
        anAttribute(community.id, { position: 0 }),
        anAttribute(community.id, { type: 'multiple_choice', position: 1 }),
        anAttribute(community.id, { type: 'number', options: [], position: 2 }),
        anAttribute(community.id, { type: 'text', options: [], position: 3 }),
      ];
      for (const attribute of attrs) await db.repositories.profileAttributes.create(attribute);
      const values = [
        { attributeId: attrs[3]!.id, value: 'Hallo „Welt“ — 👋' },
        { attributeId: attrs[0]!.id, value: 'north' },
        { attributeId: attrs[1]!.id, value: ['north', 'south'] },
        { attributeId: attrs[2]!.id, value: 42.5 },
      ].map((v) => ({ ...v, communityId: community.id, accountId: member.id, updatedAt: T0 }));
      for (const value of values) await db.repositories.profileValues.upsert(value);
      await db.repositories.profileValues.upsert({ communityId: community.id, accountId: other.id, attributeId: attrs[0]!.id, value: 'south', updatedAt: T0 });
      expect(await db.repositories.profileValues.list(community.id, member.id)).toEqual([values[1], values[2], values[3], values[0]]);

      const changed = { ...values[1]!, value: 'south', updatedAt: at(1) };
      await db.repositories.profileValues.upsert(changed);
      await db.repositories.profileValues.delete(community.id, member.id, attrs[2]!.id);
      expect(await db.repositories.profileValues.list(community.id, member.id)).toEqual([changed, values[2], values[0]]);
      expect((await db.repositories.profileValues.list(community.id, other.id)).map((v) => v.value)).toEqual(['south']);
    });

    it('needs a membership and an attribute of the same community', async () => {
      const community = await createdCommunity(db.repositories);
      const elsewhere = await createdCommunity(db.repositories);
      const foreignAttribute = anAttribute(elsewhere.id);
      await db.repositories.profileAttributes.create(foreignAttribute);
      const attribute = anAttribute(community.id);
      await db.repositories.profileAttributes.create(attribute);
      const outsider = await createdAccount(db.repositories);
      const member = await memberOf(community.id);
      await expect(
        db.repositories.profileValues.upsert({ communityId: community.id, accountId: outsider.id, attributeId: attribute.id, value: 'north', updatedAt: T0 }),
      ).rejects.toThrow();
      await expect(
        db.repositories.profileValues.upsert({ communityId: community.id, accountId: member.id, attributeId: foreignAttribute.id, value: 'north', updatedAt: T0 }),
      ).rejects.toThrow();
      expect(await db.repositories.profileValues.list(community.id, member.id)).toEqual([]);
    });

    it('go when the member leaves the community or the attribute is deleted', async () => {
      const community = await createdCommunity(db.repositories);
      const leaver = await memberOf(community.id);
      const stayer = await memberOf(community.id);
      const kept = anAttribute(community.id);
      const dropped = anAttribute(community.id, { position: 1 });
      await db.repositories.profileAttributes.create(kept);
      await db.repositories.profileAttributes.create(dropped);
      for (const accountId of [leaver.id, stayer.id]) {
        for (const attributeId of [kept.id, dropped.id]) {
          await db.repositories.profileValues.upsert({ communityId: community.id, accountId, attributeId, value: 'north', updatedAt: T0 });
        }
      }
      await db.repositories.memberships.remove(community.id, leaver.id);
      await db.repositories.profileAttributes.delete(dropped.id);
      expect(await db.repositories.profileValues.list(community.id, leaver.id)).toEqual([]);
      expect((await db.repositories.profileValues.list(community.id, stayer.id)).map((v) => v.attributeId)).toEqual([kept.id]);
    });
  });

  describe('audience', () => {
    it('counts members, those whose last decision grants the current text, and those every filter matches', async () => {
      const community = await createdCommunity(db.repositories);
      const region = anAttribute(community.id);
      const products = anAttribute(community.id, { type: 'multiple_choice', position: 1, options: [] });
      const since = anAttribute(community.id, { type: 'number', position: 2, options: [] });
      for (const attribute of [region, products, since]) await db.repositories.profileAttributes.create(attribute);
      const v1 = await publishedText(db.repositories, { document: 'consent:profile_targeting', version: 1 });
      const v2 = await publishedText(db.repositories, { document: 'consent:profile_targeting', version: 2 });
      const decide = (accountId: string, text: typeof v1, action: 'grant' | 'withdraw', day: number) =>
        db.repositories.consentLedger.append(aConsentEvent(accountId, text, { purposeId: 'profile_targeting', action, occurredAt: at(day) }));
      const answer = (accountId: string, attributeId: string, value: AttributeValue) =>
        db.repositories.profileValues.upsert({ communityId: community.id, accountId, attributeId, value, updatedAt: T0 });

      const granted = await memberOf(community.id); // grant on v2: counts
      await decide(granted.id, v2, 'grant', 1);
      await answer(granted.id, region.id, 'north');
      await answer(granted.id, products.id, ['pro', 'basic']);
      await answer(granted.id, since.id, 2019);
      const stale = await memberOf(community.id); // grant on v1 only: asked again, not counted
      await decide(stale.id, v1, 'grant', 1);
      await answer(stale.id, region.id, 'north');
      const withdrawn = await memberOf(community.id); // granted, then withdrew: not counted
      await decide(withdrawn.id, v2, 'grant', 1);
      await decide(withdrawn.id, v2, 'withdraw', 2);
      await answer(withdrawn.id, region.id, 'north');
      const regranted = await memberOf(community.id); // withdrew, then granted again: counts
      await decide(regranted.id, v2, 'withdraw', 1);
      await decide(regranted.id, v2, 'grant', 2);
      await answer(regranted.id, region.id, 'south');
      await answer(regranted.id, products.id, ['pro']);
      await memberOf(community.id); // never decided
      const outsider = await createdAccount(db.repositories); // granted, but not a member
      await decide(outsider.id, v2, 'grant', 1);

      const count = (filters: { attributeId: string; anyOf: string[] }[], version = 2) =>
        db.repositories.profileValues.countAudience({
          communityId: community.id,
          consent: { purposeId: 'profile_targeting', communityId: null, version },
          filters,
        });
      expect(await count([])).toEqual({ members: 5, consented: 2, matching: 2 });
      expect(await count([{ attributeId: region.id, anyOf: ['north'] }])).toEqual({ members: 5, consented: 2, matching: 1 });
      expect(await count([{ attributeId: products.id, anyOf: ['pro'] }])).toEqual({ members: 5, consented: 2, matching: 2 });
      expect(await count([{ attributeId: products.id, anyOf: ['basic', 'x'] }, { attributeId: region.id, anyOf: ['north', 'south'] }])).toMatchObject({ matching: 1 });
      expect(await count([{ attributeId: since.id, anyOf: ['2019'] }])).toMatchObject({ matching: 1 });
      expect(await count([{ attributeId: since.id, anyOf: ['2020'] }])).toMatchObject({ matching: 0 });
      // On the old text only the stale grant counts.
      expect(await count([{ attributeId: region.id, anyOf: ['north'] }], 1)).toEqual({ members: 5, consented: 1, matching: 1 });
      // A purpose that needs no consent lets everyone through.
      expect(await db.repositories.profileValues.countAudience({ communityId: community.id, consent: null, filters: [{ attributeId: region.id, anyOf: ['north'] }] })).toEqual({
        members: 5,
        consented: 5,
        matching: 3,
      });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { aPolicyText, createdAccount, createdCommunity, expectDomainError, publishedText, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyPolicyTextRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('publishes a version in every locale and finds the current one per locale', async () => {
    const community = await createdCommunity(db.repositories);
    const admin = await createdAccount(db.repositories);
    const texts = (version: number) => [
      aPolicyText({ communityId: community.id, version, locale: 'de', body: `Nutzungsbedingungen Version ${version}, bitte lesen.`, publishedBy: admin.id }),
      aPolicyText({ communityId: community.id, version, locale: 'en', body: `Terms of use version ${version}, please read.`, publishedBy: admin.id }),
    ];
    const [v1de, v1en] = texts(1);
    await db.repositories.policyTexts.publish([v1de!, v1en!]);
    expect(await db.repositories.policyTexts.findCurrent(community.id, 'terms', 'de')).toEqual(v1de);
    const v2 = texts(2);
    await db.repositories.policyTexts.publish(v2);
    expect(await db.repositories.policyTexts.findCurrent(community.id, 'terms', 'en')).toEqual(v2[1]);
    expect(await db.repositories.policyTexts.findVersion(community.id, 'terms', 1, 'en')).toEqual(v1en);
    expect(await db.repositories.policyTexts.findVersion(community.id, 'terms', 3, 'en')).toBeNull();
    expect(await db.repositories.policyTexts.findById(v1de!.id)).toEqual(v1de);
    expect(await db.repositories.policyTexts.latestVersion(community.id, 'terms')).toBe(2);
    expect((await db.repositories.policyTexts.listVersions(community.id, 'terms')).map((t) => [t.version, t.locale])).toEqual([
      [2, 'de'],
      [2, 'en'],
      [1, 'de'],
      [1, 'en'],
    ]);
  });

  it('keeps scopes and documents apart: the instance (null) and each community', async () => {
    const community = await createdCommunity(db.repositories);
    const instance = await publishedText(db.repositories, { document: 'consent:research_surveys', version: 4 });
    expect(await db.repositories.policyTexts.findCurrent(community.id, 'consent:research_surveys', 'de')).toBeNull();
    expect(await db.repositories.policyTexts.latestVersion(community.id, 'consent:research_surveys')).toBe(0);
    expect(await db.repositories.policyTexts.findCurrent(null, 'consent:research_surveys', 'de')).toEqual(instance);
    expect(await db.repositories.policyTexts.findCurrent(null, 'consent:research_surveys', 'en')).toBeNull();
    expect(await db.repositories.policyTexts.findCurrent(null, 'consent:email_notifications', 'de')).toBeNull();
    expect(await db.repositories.policyTexts.listVersions(null, 'consent:email_notifications')).toEqual([]);
    expect(await db.repositories.policyTexts.findById('00000000-0000-7000-8000-000000000000')).toBeNull();
  });

  it('refuses a second text for the same version and locale, also in the instance scope (NULL is one value)', async () => {
    const text = await publishedText(db.repositories, { document: 'privacy_notice', version: 7 });
    await expectDomainError(db.repositories.policyTexts.publish([aPolicyText({ document: 'privacy_notice', version: 7 })]), 'CONFLICT');
    const community = await createdCommunity(db.repositories);
    await publishedText(db.repositories, { communityId: community.id, document: 'privacy_notice', version: 7 });
    await expectDomainError(
      db.repositories.policyTexts.publish([aPolicyText({ communityId: community.id, document: 'privacy_notice', version: 7 })]),
      'CONFLICT',
    );
    expect(await db.repositories.policyTexts.findCurrent(null, 'privacy_notice', 'de')).toEqual(text);
  });

  it('publishes all locales of a version or none', async () => {
    await publishedText(db.repositories, { document: 'consent:profile_targeting', version: 1, locale: 'en' });
    const batch = [
      aPolicyText({ document: 'consent:profile_targeting', version: 1, locale: 'de' }),
      aPolicyText({ document: 'consent:profile_targeting', version: 1, locale: 'en' }),
    ];
    await expectDomainError(db.repositories.policyTexts.publish(batch), 'CONFLICT');
    expect(await db.repositories.policyTexts.findCurrent(null, 'consent:profile_targeting', 'de')).toBeNull();
  });

  it('rejects an unknown document or locale (check constraints) and keeps texts when their publisher is erased', async () => {
    await expect(db.repositories.policyTexts.publish([aPolicyText({ document: 'cookies' as 'terms' })])).rejects.toThrow();
    await expect(db.repositories.policyTexts.publish([aPolicyText({ locale: 'fr' as 'de' })])).rejects.toThrow();
    const admin = await createdAccount(db.repositories);
    const text = await publishedText(db.repositories, { document: 'consent:admin_check', publishedBy: admin.id, publishedAt: T0 });
    await db.kysely.deleteFrom('accounts').where('id', '=', admin.id).execute();
    expect(await db.repositories.policyTexts.findById(text.id)).toEqual({ ...text, publishedBy: null });
  });
});

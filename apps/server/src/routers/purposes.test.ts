import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { mayProcess } from '../consent/may-process.js';
import { createCommunityFixture, shown } from '../testing/community-fixture.js';
import { failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

describe.each(testDialects)('community purposes on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    ({ app, owner, communityId } = await createCommunityFixture(dialect, { defaultLocale: 'de' }));
  });
  afterEach(() => app.close());

  const beta = (id = 'beta_tests', inCommunity = communityId) => ({
    communityId: inCommunity,
    id,
    dataCategories: ['contact', 'profile'] as ('contact' | 'profile')[],
    retentionDays: 180,
    recipients: { de: ['Das Produktteam'], en: ['The product team'] },
    texts: {
      de: { title: 'Beta-Tests', description: 'Wir laden dich zu Tests neuer Räder ein.' },
      en: { title: 'Beta tests', description: 'We invite you to test new bikes before launch.' },
    },
    consentTexts: {
      de: '# Beta-Tests\n\nWir schicken dir Einladungen zu Tests neuer Räder.',
      en: '# Beta tests\n\nWe send you invitations to test new bikes.',
    },
  });

  it('lets owners add a purpose with its consent text; members read it, nobody else adds', async () => {
    const member = await app.signedUp('member@example.org');
    await member.api.communities.join({ communityId });

    const added = await owner.api.purposes.add(beta());
    expect(added.purpose).toMatchObject({ id: 'beta_tests', communityId, legalBasis: 'consent', retention: { kind: 'days', days: 180 } });
    expect(added.texts.map((text) => [text.document, text.version, text.locale])).toEqual([
      ['consent:beta_tests', 1, 'de'],
      ['consent:beta_tests', 1, 'en'],
    ]);

    const listed = await member.api.purposes.list({ communityId });
    expect(listed).toMatchObject([{ purpose: { id: 'beta_tests' }, text: { locale: 'en', version: 1, document: 'consent:beta_tests' } }]);
    // Visitors of a public community read it in the community's language.
    expect((await app.client().api.purposes.list({ communityId }))[0]!.text.locale).toBe('de');
    expect((await owner.api.admin.auditLog({ communityId })).items.map((entry) => [entry.action, entry.reason])).toEqual([['purpose.added', 'beta_tests']]);

    expect((await failureOf(member.api.purposes.add(beta('member_idea')))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(app.client().api.purposes.add(beta('visitor_idea')))).domainCode).toBe('UNAUTHENTICATED');
    expect((await failureOf(owner.api.purposes.add(beta()))).domainCode).toBe('CONFLICT');
    expect((await failureOf(owner.api.purposes.add(beta('research_surveys')))).domainCode).toBe('CONFLICT');
    const bad = await failureOf(owner.api.purposes.add({ ...beta('short_lived'), retentionDays: 0, dataCategories: [], consentTexts: { de: 'kurz', en: 'short' } }));
    expect(bad.issues).toEqual(
      expect.arrayContaining([
        { path: ['retentionDays'], message: 'retention_invalid' },
        { path: ['dataCategories'], message: 'categories_required' },
        { path: ['consentTexts', 'en'], message: 'policy_text_too_short' },
      ]),
    );
    // Nothing of the refused attempts stayed.
    expect((await owner.api.purposes.list({ communityId })).map((entry) => entry.purpose.id)).toEqual(['beta_tests']);

    // The instance's records of processing (Art. 30) name it, with its community.
    const records = await (await app.admin()).api.admin.recordsOfProcessing({ locale: 'en' });
    expect(records.find((record) => record.purpose.id === 'beta_tests')).toMatchObject({
      communityName: 'Bikes',
      legalBasis: 'consent',
      dataCategories: ['contact', 'profile'],
      retention: { kind: 'days', days: 180 },
      recipients: ['The product team'],
    });
    expect(records.filter((record) => record.communityName === null)).toHaveLength(4);
  });

  it('keeps the purposes of an invite-only community to its members', async () => {
    const circle = (await owner.api.communities.create({ slug: 'circle', name: 'Circle', visibility: 'invite_only', defaultLocale: 'en' })).id;
    await owner.api.purposes.add(beta('circle_talks', circle));
    const outsider = await app.signedUp('outsider@example.org');
    expect((await failureOf(outsider.api.purposes.list({ communityId: circle }))).domainCode).toBe('NOT_FOUND');
    expect((await failureOf(outsider.api.purposes.add(beta('sneaky', circle)))).domainCode).toBe('NOT_FOUND');
  });

  it('asks for it on joining; a member gives and withdraws it in the privacy center, and the gate follows', async () => {
    await owner.api.purposes.add(beta());
    const member = await app.signedUp('member@example.org');
    const accountId = (await member.api.auth.me()).account!.id;
    const requirements = await member.api.communities.joinRequirements({ communityId });
    expect(requirements.purposes.map((entry) => entry.purpose.id)).toEqual(['beta_tests']);
    const text = requirements.purposes[0]!.text;

    // Outside the community it cannot be given.
    const grant = { communityId, channel: 'privacy_center' as const, decisions: [{ purposeId: 'beta_tests', action: 'grant' as const, ...shown(text) }] };
    expect((await failureOf(member.api.consent.decide(grant))).domainCode).toBe('NOT_MEMBER');
    await member.api.communities.join({ communityId });
    const gate = () => mayProcess(app.db, accountId, 'beta_tests', communityId);
    expect(await gate()).toBe(false);

    const item = (items: Awaited<ReturnType<typeof member.api.consent.overview>>) =>
      items.find((entry) => entry.purpose.communityId === communityId && entry.purpose.id === 'beta_tests');
    expect(item(await member.api.consent.overview({ locale: 'en' }))).toMatchObject({ state: { status: 'not_given' }, mayProcess: false });
    // In the instance's scope the id is unknown: scopes do not mix.
    expect((await failureOf(member.api.consent.decide({ ...grant, communityId: null }))).domainCode).toBe('PURPOSE_UNKNOWN');

    expect(item(await member.api.consent.decide(grant))).toMatchObject({ state: { status: 'granted', version: 1, channel: 'privacy_center' }, mayProcess: true });
    expect(await gate()).toBe(true);
    const withdrawn = await member.api.consent.decide({ communityId, channel: 'privacy_center', decisions: [{ purposeId: 'beta_tests', action: 'withdraw' }] });
    expect(item(withdrawn)).toMatchObject({ state: { status: 'withdrawn' }, mayProcess: false });
    expect(await gate()).toBe(false);

    // A new consent text closes the gate for the old agreement until the member answers.
    await member.api.consent.decide(grant);
    await owner.api.policies.publish({ communityId, document: 'consent:beta_tests', texts: { de: `${beta().consentTexts.de}\n\nNeu: auch E-Bikes.`, en: `${beta().consentTexts.en}\n\nNew: e-bikes too.` } });
    expect(await gate()).toBe(false);
    expect((await member.api.consent.pending({ locale: 'en' })).map((entry) => entry.purpose.id)).toEqual(['beta_tests']);

    // Leaving the community ends the question: its purposes are no longer listed.
    await member.api.communities.leave({ communityId });
    expect(item(await member.api.consent.overview({ locale: 'en' }))).toBeUndefined();
  });
});

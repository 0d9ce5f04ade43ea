import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { mayProcess } from '../consent/may-process.js';
import { seedPolicyTexts } from '../privacy/seed-policy-texts.js';
import { shown } from '../testing/community-fixture.js';
import { createTestApp, failureOf, TEST_PASSWORD, type TestApp, type TestClient } from '../testing/test-app.js';

describe.each(testDialects)('consent and policy texts on $name', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
  });
  afterEach(() => app.close());

  const signUpTexts = (locale: 'de' | 'en' = 'en') => app.client().api.consent.signUpTexts({ locale });
  const signUp = async (email: string, extra: Record<string, unknown> = {}) => {
    const browser = app.client();
    await browser.api.auth.signUp({ email, password: TEST_PASSWORD, displayName: 'Mia', locale: 'en', ...(await app.agreements()), ...extra });
    await app.smtp.next(email);
    return browser;
  };
  const item = async (browser: TestClient, purposeId: string) =>
    (await browser.api.consent.overview({ locale: 'en' })).find((entry) => entry.purpose.id === purposeId && entry.purpose.communityId === null)!;

  it('seeds the default texts once, in German and English, and again changes nothing', async () => {
    const texts = await signUpTexts('de');
    expect(texts.terms).toMatchObject({ document: 'terms', version: 1, locale: 'de' });
    expect(texts.privacyNotice.body).toContain('# Datenschutzhinweise');
    expect(texts.minimumAge).toBe(16);
    expect(texts.optional.map((entry) => entry.purpose.id).sort()).toEqual(['email_notifications', 'profile_targeting', 'research_surveys']);
    expect(texts.optional.every((entry) => entry.text.document === `consent:${entry.purpose.id}`)).toBe(true);
    // A second process starting on the same database publishes nothing more.
    expect(await Promise.all([seedPolicyTexts(app.services), seedPolicyTexts(app.services)])).toEqual([0, 0]);
    expect(await app.client().api.policies.versions({ communityId: null, document: 'terms' })).toHaveLength(2);
  });

  it('signs up with every optional purpose declined: terms proven, nothing else given, everything usable', async () => {
    const browser = await signUp('decline@example.org');
    const overview = await browser.api.consent.overview({ locale: 'en' });
    const terms = overview.find((entry) => entry.purpose.id === 'community_participation')!;
    expect(terms.state).toMatchObject({ status: 'granted', version: 1, channel: 'sign_up', textHash: terms.text.bodyHash });
    for (const purposeId of ['research_surveys', 'email_notifications', 'profile_targeting']) {
      expect(overview.find((entry) => entry.purpose.id === purposeId)).toMatchObject({ state: { status: 'not_given' }, mayProcess: false });
    }
    expect(await browser.api.consent.pending({ locale: 'en' })).toEqual([]);
  });

  it('records ticked optional consents at sign-up with the text shown', async () => {
    const texts = await signUpTexts();
    const research = texts.optional.find((entry) => entry.purpose.id === 'research_surveys')!;
    const browser = await signUp('tick@example.org', { consents: [{ purposeId: 'research_surveys', ...shown(research.text) }] });
    expect(await item(browser, 'research_surveys')).toMatchObject({ state: { status: 'granted', channel: 'sign_up' }, mayProcess: true });
  });

  it('refuses a sign-up with a wrong hash, an unknown purpose or terms as an optional consent, and creates nothing', async () => {
    const texts = await signUpTexts();
    const base = { email: 'bad@example.org', password: TEST_PASSWORD, displayName: 'Bad', locale: 'en' as const, minimumAgeConfirmed: true as const };
    const cases: [Record<string, unknown>, string][] = [
      [{ termsAccepted: { ...shown(texts.terms), textHash: 'f'.repeat(64) } }, 'CONSENT_TEXT_MISMATCH'],
      [{ termsAccepted: shown(texts.privacyNotice) }, 'CONSENT_TEXT_MISMATCH'],
      [{ termsAccepted: shown(texts.terms), consents: [{ purposeId: 'selling_data', ...shown(texts.terms) }] }, 'PURPOSE_UNKNOWN'],
      [{ termsAccepted: shown(texts.terms), consents: [{ purposeId: 'community_participation', ...shown(texts.terms) }] }, 'CONSENT_NOT_APPLICABLE'],
    ];
    for (const [extra, code] of cases) {
      expect((await failureOf(app.client().api.auth.signUp({ ...base, ...extra } as never))).domainCode).toBe(code);
    }
    expect(await app.db.repositories.accounts.findByEmail('bad@example.org')).toBeNull();
    const withoutAge = await failureOf(app.client().api.auth.signUp({ ...base, minimumAgeConfirmed: false, termsAccepted: shown(texts.terms) } as never));
    expect(withoutAge.issues).toContainEqual({ path: ['minimumAgeConfirmed'], message: 'minimum_age_required' });
  });

  it('gives and withdraws with one click each, effective at once; refuses what makes no sense', async () => {
    const browser = await signUp('click@example.org');
    const research = await item(browser, 'research_surveys');
    const accountId = (await browser.api.auth.me()).account!.id;
    const mayResearch = () => mayProcess(app.db, accountId, 'research_surveys');

    expect((await failureOf(browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'withdraw' }] }))).domainCode).toBe('CONSENT_NOT_GIVEN');
    expect((await failureOf(browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'no_such_purpose', action: 'withdraw' }] }))).domainCode).toBe('PURPOSE_UNKNOWN');
    expect((await failureOf(browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'community_participation', action: 'withdraw' }] }))).domainCode).toBe('CONSENT_NOT_APPLICABLE');
    expect((await failureOf(browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'grant', policyTextId: research.text.id, textHash: '0'.repeat(64) }] }))).domainCode).toBe('CONSENT_TEXT_MISMATCH');

    const granted = await browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'grant', ...shown(research.text) }] });
    expect(granted.find((entry) => entry.purpose.id === 'research_surveys')).toMatchObject({ state: { status: 'granted', channel: 'privacy_center' }, mayProcess: true });
    expect(await mayResearch()).toBe(true);

    const withdrawn = await browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'withdraw' }] });
    expect(withdrawn.find((entry) => entry.purpose.id === 'research_surveys')).toMatchObject({ state: { status: 'withdrawn' }, mayProcess: false });
    expect(await mayResearch()).toBe(false);

    const events = await app.db.repositories.consentLedger.listForAccount(accountId);
    expect(events.map((event) => `${event.purposeId}:${event.action}:${event.channel}`)).toEqual([
      'community_participation:grant:sign_up',
      'research_surveys:grant:privacy_center',
      'research_surveys:withdraw:privacy_center',
    ]);
    expect(new Set(events.map((event) => event.requestId)).size).toBe(3);
  });

  it('a new consent text closes the gate for those who agreed to the old one until they answer', async () => {
    const admin = await app.admin();
    const member = await signUp('renew@example.org');
    const first = await item(member, 'email_notifications');
    await member.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'email_notifications', action: 'grant', ...shown(first.text) }] });
    const accountId = (await member.api.auth.me()).account!.id;

    const texts = { de: `${first.text.body}\nNeu: auch Erinnerungen an Umfragen.`, en: `${first.text.body}\nNew: survey reminders too.` };
    expect((await failureOf(member.api.policies.publish({ communityId: null, document: 'consent:email_notifications', texts }))).domainCode).toBe('FORBIDDEN');
    await expect(admin.api.policies.publish({ communityId: null, document: 'consent:email_notifications', texts })).resolves.toEqual({ version: 2 });

    const gate = (id: string) => mayProcess(app.db, id, 'email_notifications');
    expect(await gate(accountId)).toBe(false);
    const pending = await member.api.consent.pending({ locale: 'en' });
    expect(pending.map((entry) => entry.purpose.id)).toEqual(['email_notifications']);
    expect(pending[0]).toMatchObject({ needsRenewal: true, mayProcess: false, text: { version: 2 } });

    // Agreeing to the old text now is refused as stale.
    expect((await failureOf(member.api.consent.decide({ channel: 'prompt', decisions: [{ purposeId: 'email_notifications', action: 'grant', ...shown(first.text) }] }))).domainCode).toBe('CONSENT_TEXT_STALE');
    await member.api.consent.decide({ channel: 'prompt', decisions: [{ purposeId: 'email_notifications', action: 'grant', ...shown(pending[0]!.text) }] });
    expect(await gate(accountId)).toBe(true);
    expect(await member.api.consent.pending({ locale: 'en' })).toEqual([]);

    // Old versions stay readable.
    const versions = await app.client().api.policies.versions({ communityId: null, document: 'consent:email_notifications' });
    expect(versions.map((text) => `${text.version}:${text.locale}`)).toEqual(['2:de', '2:en', '1:de', '1:en']);
    expect(await app.client().api.policies.current({ communityId: null, document: 'consent:email_notifications', locale: 'en', version: 1 })).toMatchObject({ id: first.text.id });
    expect((await admin.api.admin.auditLog({ communityId: null })).items.map((entry) => entry.action)).toContain('policy.published');
  });

  it('new terms are asked for again; a consent text for a contract purpose or unknown purpose is refused', async () => {
    const admin = await app.admin();
    const member = await signUp('terms@example.org');
    const texts = { de: 'Neue Nutzungsbedingungen, Version zwei, ausführlich.', en: 'New terms of use, version two, in detail.' };
    await admin.api.policies.publish({ communityId: null, document: 'terms', texts });
    const pending = await member.api.consent.pending({ locale: 'en' });
    expect(pending.map((entry) => entry.purpose.id)).toEqual(['community_participation']);
    await member.api.consent.decide({ channel: 'prompt', decisions: [{ purposeId: 'community_participation', action: 'grant', ...shown(pending[0]!.text) }] });
    expect(await member.api.consent.pending({ locale: 'en' })).toEqual([]);

    expect((await failureOf(admin.api.policies.publish({ communityId: null, document: 'consent:community_participation', texts }))).domainCode).toBe('CONSENT_NOT_APPLICABLE');
    expect((await failureOf(admin.api.policies.publish({ communityId: null, document: 'consent:made_up', texts }))).domainCode).toBe('PURPOSE_UNKNOWN');
    const tooShort = await failureOf(admin.api.policies.publish({ communityId: null, document: 'terms', texts: { de: 'kurz', en: texts.en } }));
    expect(tooShort.issues).toContainEqual({ path: ['texts', 'de'], message: 'policy_text_too_short' });
  });

  it('serves the instance settings publicly and lets only admins change them', async () => {
    const admin = await app.admin();
    const member = await signUp('settings@example.org');
    expect(await app.client().api.instance.settings()).toEqual({
      minimumAge: 16,
      imprintUrl: null,
      privacyContact: null,
      legalTextsReviewed: false,
    });
    // The first-run checklist: the test app has SMTP, so mail is done.
    expect(await admin.api.admin.setupSteps()).toEqual(['imprint', 'privacyContact', 'legalTexts']);
    const settings = { minimumAge: 18, imprintUrl: 'https://example.org/impressum', privacyContact: 'mailto:privacy@example.org' };
    expect((await failureOf(member.api.admin.saveSettings(settings))).domainCode).toBe('FORBIDDEN');
    await expect(admin.api.admin.saveSettings(settings)).resolves.toEqual({ ...settings, legalTextsReviewed: false });
    expect(await admin.api.admin.setupSteps()).toEqual(['legalTexts']);
    expect((await failureOf(member.api.admin.confirmLegalTextsReviewed())).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(member.api.admin.setupSteps())).domainCode).toBe('FORBIDDEN');
    await expect(admin.api.admin.confirmLegalTextsReviewed()).resolves.toMatchObject({ legalTextsReviewed: true });
    expect(await admin.api.admin.setupSteps()).toEqual([]);
    // Saving the settings form later keeps the review.
    await expect(admin.api.admin.saveSettings(settings)).resolves.toEqual({ ...settings, legalTextsReviewed: true });
    expect((await signUpTexts()).minimumAge).toBe(18);
    const records = await admin.api.admin.recordsOfProcessing({ locale: 'de' });
    expect(records.map((record) => `${record.purpose.id}:${record.legalBasis}`)).toEqual([
      'community_participation:contract',
      'research_surveys:consent',
      'email_notifications:consent',
      'profile_targeting:consent',
    ]);
    expect(records[0]!.tables).toEqual(expect.arrayContaining(['accounts', 'consent_events', 'audit_log']));
    expect(records[2]!.recipients).toContain('Der E-Mail-Versanddienst des Betreibers (Auftragsverarbeiter)');
    expect((await failureOf(member.api.admin.recordsOfProcessing({ locale: 'en' }))).domainCode).toBe('FORBIDDEN');
    const bad = await failureOf(admin.api.admin.saveSettings({ ...settings, imprintUrl: 'javascript:alert(1)' }));
    expect(bad.issues).toContainEqual({ path: ['imprintUrl'], message: 'link_invalid' });
  });
});

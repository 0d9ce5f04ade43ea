import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideConsents, whoMayProcess } from '@quorum/domain/consent/consent-use-cases';
import { testDialects } from '@quorum/db/testing';
import { doneOrWaiting, heldTransaction } from '@quorum/db/testing/held-transactions';
import { newId } from '../ids.js';
import { mayProcess } from '../consent/may-process.js';
import { createCommunityFixture, idOf, label, shown } from '../testing/community-fixture.js';
import { failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

const communityTerms = { de: 'Regeln der Bikes-Community: freundlich bleiben.', en: 'Rules of the Bikes community: stay friendly.' };

describe.each(testDialects)('consent follows membership on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    ({ app, owner, communityId } = await createCommunityFixture(dialect));
  });
  afterEach(() => app.close());

  const betaPurpose = () =>
    owner.api.purposes.add({
      communityId,
      id: 'beta_tests',
      dataCategories: ['contact'],
      retentionDays: 180,
      recipients: { de: ['Das Produktteam'], en: ['The product team'] },
      texts: { de: { title: 'Beta-Tests', description: 'Wir laden dich zu Tests ein.' }, en: { title: 'Beta tests', description: 'We invite you to tests.' } },
      consentTexts: { de: '# Beta-Tests\n\nWir schicken dir Einladungen zu Tests.', en: '# Beta tests\n\nWe send you invitations to tests.' },
    });
  const inCommunity = async (browser: TestClient) =>
    (await browser.api.consent.overview({ locale: 'en' })).filter((item) => item.purpose.communityId === communityId);
  const ledger = async (browser: TestClient) =>
    (await app.db.repositories.consentLedger.listForAccount(await idOf(browser)))
      .filter((event) => event.communityId === communityId)
      .map((event) => `${event.purposeId}:${event.action}:${event.channel}`);

  describe('leaving and removal end the community’s consents; a re-join asks afresh', () => {
    it('leaving withdraws the community’s purposes and its terms (channel leave)', async () => {
      const { texts } = await betaPurpose();
      const admin = await app.admin();
      await admin.api.policies.publish({ communityId, document: 'terms', texts: communityTerms });
      const requirements = await owner.api.communities.joinRequirements({ communityId });
      const member = await app.signedUp('member@example.org');
      const beta = texts.find((text) => text.locale === 'en')!;
      await member.api.communities.join({ communityId, termsAccepted: shown(requirements.terms!), consents: [{ purposeId: 'beta_tests', ...shown(beta) }] });
      const accountId = await idOf(member);
      expect(await mayProcess(app.db, accountId, 'beta_tests', communityId)).toBe(true);

      await member.api.communities.leave({ communityId });
      expect(await mayProcess(app.db, accountId, 'beta_tests', communityId)).toBe(false);
      expect(await ledger(member)).toEqual([
        'community_participation:grant:join',
        'beta_tests:grant:join',
        'community_participation:withdraw:leave',
        'beta_tests:withdraw:leave',
      ]);
      // The ex-member no longer sees the community's purposes: nothing is left granted there.
      expect(await inCommunity(member)).toEqual([]);

      // Re-joining with the box unticked keeps the purpose withdrawn; the terms are accepted anew.
      expect((await failureOf(member.api.communities.join({ communityId }))).domainCode).toBe('CONSENT_REQUIRED');
      await member.api.communities.join({ communityId, termsAccepted: shown(requirements.terms!) });
      expect(await mayProcess(app.db, accountId, 'beta_tests', communityId)).toBe(false);
      expect((await inCommunity(member)).map((item) => [item.purpose.id, item.state.status, item.state.channel])).toEqual([
        ['community_participation', 'granted', 'join'],
        ['beta_tests', 'withdrawn', 'leave'],
      ]);
    });

    it('removal by staff withdraws them too (channel removal)', async () => {
      const { texts } = await betaPurpose();
      const member = await app.signedUp('removed@example.org');
      await member.api.communities.join({ communityId, consents: [{ purposeId: 'beta_tests', ...shown(texts.find((text) => text.locale === 'en')!) }] });
      await owner.api.communities.removeMember({ communityId, accountId: await idOf(member) });
      expect(await ledger(member)).toEqual(['beta_tests:grant:join', 'beta_tests:withdraw:removal']);
      expect(await mayProcess(app.db, await idOf(member), 'beta_tests', communityId)).toBe(false);
    });
  });

  describe('a grant racing the end of the membership', () => {
    /** The member's grant of the community's purpose, in a transaction held open until `release()`. */
    async function heldGrant(member: TestClient) {
      const { texts } = await betaPurpose();
      const beta = texts.find((text) => text.locale === 'en')!;
      const ctx = { viewer: { accountId: await idOf(member), isInstanceAdmin: false }, clock: app.services.clock, newId, requestId: 'race' };
      const input = { communityId, channel: 'privacy_center' as const, decisions: [{ purposeId: 'beta_tests', action: 'grant' as const, ...shown(beta) }] };
      return heldTransaction(app.db, (repos) => decideConsents(repos, ctx, input, 'en'));
    }

    it('a grant given just before the member leaves is withdrawn with the others', async () => {
      const member = await app.signedUp('member@example.org');
      await member.api.communities.join({ communityId });
      const grant = await heldGrant(member);
      await grant.reached;
      const leave = member.api.communities.leave({ communityId });
      await doneOrWaiting(app.db, leave);
      grant.release();
      await grant.done;
      await leave;
      expect(await mayProcess(app.db, await idOf(member), 'beta_tests', communityId)).toBe(false);
      expect(await ledger(member)).toEqual(['beta_tests:grant:privacy_center', 'beta_tests:withdraw:leave']);
    });

    it('a grant given while the member is being removed fails: an ex-member gives no consent in the community', async () => {
      const member = await app.signedUp('member@example.org');
      await member.api.communities.join({ communityId });
      const accountId = await idOf(member);
      const { texts } = await betaPurpose();
      const beta = texts.find((text) => text.locale === 'en')!;
      // The removal has deleted the membership and has not committed yet.
      const removal = heldTransaction(app.db, (repos) => repos.memberships.remove(communityId, accountId));
      await removal.reached;
      const grant = member.api.consent.decide({ communityId, channel: 'privacy_center', decisions: [{ purposeId: 'beta_tests', action: 'grant', ...shown(beta) }] });
      await doneOrWaiting(app.db, grant);
      removal.release();
      await removal.done;
      expect((await failureOf(grant)).domainCode).toBe('NOT_MEMBER');
      expect(await mayProcess(app.db, accountId, 'beta_tests', communityId)).toBe(false);
      expect(await ledger(member)).toEqual([]);
    });
  });

  describe('members who owe the community’s terms or required answers are asked', () => {
    const region = () =>
      owner.api.profile.saveAttribute({
        communityId,
        key: 'region',
        type: 'single_choice',
        label: label('Region'),
        options: [
          { value: 'north', label: label('North') },
          { value: 'south', label: label('South') },
        ],
        required: true,
      });

    it('after an approved join request: the terms are pending, the required answer is owed, both can be given', async () => {
      const attribute = await region();
      const admin = await app.admin();
      await admin.api.policies.publish({ communityId, document: 'terms', texts: communityTerms });
      await owner.api.communities.update({ communityId, name: 'Bikes', description: '', visibility: 'private', defaultLocale: 'en', erasureContentPolicy: 'anonymize' });
      const applicant = await app.signedUp('applicant@example.org');
      await applicant.api.communities.requestToJoin({ communityId, message: 'Hi' });
      const [request] = (await owner.api.communities.joinRequests({ communityId })).items;
      await owner.api.communities.decideJoinRequest({ requestId: request!.id, approve: true });

      const pending = await applicant.api.consent.pending({ locale: 'en' });
      expect(pending).toMatchObject([{ purpose: { id: 'community_participation', communityId }, state: { status: 'not_given' }, needsRenewal: true }]);
      expect(await applicant.api.profile.owed()).toMatchObject([{ community: { id: communityId, slug: 'bikes' }, attributes: [{ id: attribute.id, key: 'region' }] }]);

      // The privacy center accepts the terms; the profile takes the answer.
      await applicant.api.consent.decide({ channel: 'privacy_center', communityId, decisions: [{ purposeId: 'community_participation', action: 'grant', ...shown(pending[0]!.text) }] });
      await applicant.api.profile.saveMine({ communityId, answers: { [attribute.id]: 'north' } });
      expect(await applicant.api.consent.pending({ locale: 'en' })).toEqual([]);
      expect(await applicant.api.profile.owed()).toEqual([]);
    });

    it('when a community publishes its first terms or a new required question, existing members owe them', async () => {
      const member = await app.signedUp('early@example.org');
      await member.api.communities.join({ communityId });
      expect(await member.api.consent.pending({ locale: 'en' })).toEqual([]);
      const admin = await app.admin();
      await admin.api.policies.publish({ communityId, document: 'terms', texts: communityTerms });
      await region();
      expect((await member.api.consent.pending({ locale: 'en' })).map((item) => [item.purpose.id, item.purpose.communityId])).toEqual([
        ['community_participation', communityId],
      ]);
      expect((await member.api.profile.owed()).map((owed) => owed.attributes.map((attribute) => attribute.key))).toEqual([['region']]);
      // Staff run the community: its profile questions are not theirs to answer.
      expect(await owner.api.profile.owed()).toEqual([]);
      // An outsider owes nothing to a community they are not in.
      const outsider = await app.signedUp('outsider@example.org');
      expect(await outsider.api.consent.pending({ locale: 'en' })).toEqual([]);
      expect(await outsider.api.profile.owed()).toEqual([]);
    });

    it('changed instance terms cannot be declined, but are accepted in the privacy center', async () => {
      const member = await app.signedUp('terms@example.org');
      const admin = await app.admin();
      await admin.api.policies.publish({ communityId: null, document: 'terms', texts: { de: 'Neue Nutzungsbedingungen, Version zwei.', en: 'New terms of use, version two, in detail.' } });
      const terms = (await member.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.id === 'community_participation' && item.purpose.communityId === null)!;
      expect(terms).toMatchObject({ needsRenewal: true, text: { version: 2 } });
      // Declining is leaving the service: the web explains it and offers deleting the account.
      expect((await failureOf(member.api.consent.decide({ channel: 'prompt', decisions: [{ purposeId: 'community_participation', action: 'withdraw' }] }))).domainCode).toBe('CONSENT_NOT_APPLICABLE');
      await member.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'community_participation', action: 'grant', ...shown(terms.text) }] });
      expect(await member.api.consent.pending({ locale: 'en' })).toEqual([]);
    });
  });

  describe('ledger order', () => {
    it('a grant and a withdrawal at the same instant end withdrawn, every time', async () => {
      const member = await app.signedUp('quick@example.org');
      const research = (await member.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.id === 'research_surveys')!;
      const accountId = await idOf(member);
      const grant = { purposeId: 'research_surveys', action: 'grant' as const, ...shown(research.text) };
      const withdraw = { purposeId: 'research_surveys', action: 'withdraw' as const };
      // Both in one call is refused since the security review (one decision per purpose per
      // call: the ledger is insert-only); the order of two calls at one instant still holds.
      const both = await failureOf(member.api.consent.decide({ channel: 'privacy_center', decisions: [grant, withdraw] }));
      expect(both.issues?.[0]?.message).toBe('consent_decisions_duplicate');
      for (let run = 0; run < 12; run++) {
        await member.api.consent.decide({ channel: 'privacy_center', decisions: [grant] });
        const items = await member.api.consent.decide({ channel: 'privacy_center', decisions: [withdraw] });
        expect(items.find((item) => item.purpose.id === 'research_surveys')?.state.status).toBe('withdrawn');
        expect(await mayProcess(app.db, accountId, 'research_surveys')).toBe(false);
      }
    });

    it('answers "who may we process?" for every member of a community at once, as the gate does for each', async () => {
      const members = [];
      for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
        const browser = await app.signedUp(email);
        await browser.api.communities.join({ communityId });
        members.push(browser);
      }
      const research = (await members[0]!.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.id === 'research_surveys')!;
      for (const browser of members.slice(0, 2)) {
        await browser.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'grant', ...shown(research.text) }] });
      }
      await members[1]!.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'withdraw' }] });
      const allowed = await whoMayProcess(app.db.repositories, { purposeId: 'research_surveys', communityId: null, audience: { membersOf: communityId } });
      const expected = [];
      for (const browser of [owner, ...members]) {
        if (await mayProcess(app.db, await idOf(browser), 'research_surveys')) expected.push(await idOf(browser));
      }
      expect([...allowed].sort()).toEqual(expected.sort());
      expect(allowed).toEqual(new Set([await idOf(members[0]!)]));
      // A contract purpose needs no consent: every member.
      const everyone = await whoMayProcess(app.db.repositories, { purposeId: 'community_participation', communityId: null, audience: { membersOf: communityId } });
      expect(everyone.size).toBe(4);
    });
  });
});

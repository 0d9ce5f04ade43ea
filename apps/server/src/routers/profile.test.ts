import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { doneOrWaiting, heldTransaction } from '@quorum/db/testing/held-transactions';
import { createCommunityFixture, label, shown } from '../testing/community-fixture.js';
import { failureOf, tokenOf, type TestApp, type TestClient } from '../testing/test-app.js';

describe.each(testDialects)('profiles, joining and targeting on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    ({ app, owner, communityId } = await createCommunityFixture(dialect));
  });
  afterEach(() => app.close());

  const region = (inCommunity = communityId) =>
    owner.api.profile.saveAttribute({
      communityId: inCommunity,
      key: 'region',
      type: 'single_choice',
      label: label('Region'),
      options: [
        { value: 'north', label: label('North') },
        { value: 'south', label: label('South') },
      ],
      required: true,
    });
  const targetingText = async (browser: TestClient) =>
    (await browser.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.id === 'profile_targeting')!.text;

  it('lets owners define attributes and nobody else', async () => {
    const member = await app.signedUp('member@example.org');
    await member.api.communities.join({ communityId });
    const attribute = await region();
    expect(attribute).toMatchObject({ key: 'region', position: 0, required: true });
    const since = await owner.api.profile.saveAttribute({ communityId, key: 'customer_since', type: 'date', label: label('Customer since') });
    expect(since.position).toBe(1);

    expect((await failureOf(member.api.profile.saveAttribute({ communityId, key: 'shoe_size', type: 'number', label: label('Shoe size') }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(member.api.profile.deleteAttribute({ attributeId: since.id }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(region())).domainCode).toBe('CONFLICT');
    expect((await failureOf(owner.api.profile.saveAttribute({ communityId, attributeId: since.id, key: 'customer_since', type: 'number', label: label('Since') }))).domainCode).toBe('CONFLICT');
    const noOptions = await failureOf(owner.api.profile.saveAttribute({ communityId, key: 'product', type: 'multiple_choice', label: label('Product') }));
    expect(noOptions.issues).toContainEqual({ path: ['options'], message: 'options_required' });

    await owner.api.profile.saveAttribute({ communityId, attributeId: since.id, key: 'customer_since', type: 'date', label: label('Customer since (year)') });
    expect((await member.api.profile.attributes({ communityId })).map((item) => item.label.en)).toEqual(['Region', 'Customer since (year)']);
    await owner.api.profile.deleteAttribute({ attributeId: since.id });
    expect(await member.api.profile.attributes({ communityId })).toHaveLength(1);
    expect((await failureOf(app.client().api.profile.attributes({ communityId }))).domainCode).toBe('UNAUTHENTICATED');
  });

  it('asks for required attributes and the community’s terms when joining', async () => {
    const attribute = await region();
    const admin = await app.admin();
    await admin.api.policies.publish({ communityId, document: 'terms', texts: { de: 'Regeln der Bikes-Community: freundlich bleiben.', en: 'Rules of the Bikes community: stay friendly.' } });
    const member = await app.signedUp('joiner@example.org');

    const requirements = await member.api.communities.joinRequirements({ communityId });
    expect(requirements.requiredAttributes.map((item) => item.key)).toEqual(['region']);
    expect(requirements.terms).toMatchObject({ communityId, document: 'terms', version: 1 });

    const missingAnswer = await failureOf(member.api.communities.join({ communityId, termsAccepted: shown(requirements.terms!) }));
    expect(missingAnswer).toMatchObject({ domainCode: 'ATTRIBUTE_VALUE_INVALID' });
    const wrongType = await failureOf(member.api.communities.join({ communityId, answers: { [attribute.id]: 42 }, termsAccepted: shown(requirements.terms!) }));
    expect(wrongType.domainCode).toBe('ATTRIBUTE_VALUE_INVALID');
    expect((await failureOf(member.api.communities.join({ communityId, answers: { [attribute.id]: 'north' } }))).domainCode).toBe('CONSENT_REQUIRED');
    // Nothing of the failed attempts stayed: no membership.
    expect((await failureOf(member.api.profile.mine({ communityId }))).domainCode).toBe('NOT_MEMBER');

    await member.api.communities.join({ communityId, answers: { [attribute.id]: 'north' }, termsAccepted: shown(requirements.terms!) });
    const mine = await member.api.profile.mine({ communityId });
    expect(mine.values).toMatchObject([{ attributeId: attribute.id, value: 'north' }]);
    const communityTerms = (await member.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.communityId === communityId);
    expect(communityTerms).toMatchObject({ purpose: { id: 'community_participation' }, state: { status: 'granted', channel: 'join' } });
  });

  it('asks an invited person for the same: the token shows the requirements, a refused accept counts no use', async () => {
    const circle = (await owner.api.communities.create({ slug: 'inner-circle', name: 'Inner circle', visibility: 'invite_only', defaultLocale: 'de' })).id;
    const attribute = await region(circle);
    await owner.api.policies.publish({ communityId: circle, document: 'terms', texts: { de: 'Was hier besprochen wird, bleibt hier.', en: 'What is said here stays here.' } });
    const { url } = await owner.api.invitations.create({ communityId: circle, maxUses: 1 });
    const token = tokenOf(url);
    const guest = await app.signedUp('guest@example.org');

    // Without the token the community stays hidden; with it, its requirements are readable.
    expect((await failureOf(guest.api.communities.joinRequirements({ communityId: circle }))).domainCode).toBe('NOT_FOUND');
    const visitorView = await app.client().api.invitations.preview({ token });
    expect(visitorView.requirements?.terms).toMatchObject({ communityId: circle, locale: 'de' });
    const { requirements } = await guest.api.invitations.preview({ token });
    expect(requirements?.requiredAttributes.map((item) => item.key)).toEqual(['region']);
    expect(requirements?.terms).toMatchObject({ communityId: circle, document: 'terms', version: 1, locale: 'en' });
    const terms = shown(requirements!.terms!);

    const missingAnswer = await failureOf(guest.api.invitations.accept({ token, termsAccepted: terms }));
    expect(missingAnswer).toMatchObject({ domainCode: 'ATTRIBUTE_VALUE_INVALID', details: { attribute: 'region', reason: 'required' } });
    expect((await failureOf(guest.api.invitations.accept({ token, answers: { [attribute.id]: 'west' }, termsAccepted: terms }))).details).toMatchObject({ reason: 'not_an_option' });
    expect((await failureOf(guest.api.invitations.accept({ token, answers: { [attribute.id]: 'north' } }))).domainCode).toBe('CONSENT_REQUIRED');
    // Nothing of the refused attempts stayed: no membership, no use of the one-time link.
    expect((await failureOf(guest.api.profile.mine({ communityId: circle }))).domainCode).toBe('NOT_FOUND');
    expect((await owner.api.invitations.list({ communityId: circle })).items).toMatchObject([{ uses: 0, state: 'usable' }]);

    await expect(guest.api.invitations.accept({ token, answers: { [attribute.id]: 'north' }, termsAccepted: terms })).resolves.toEqual({ slug: 'inner-circle' });
    expect((await guest.api.profile.mine({ communityId: circle })).values).toMatchObject([{ attributeId: attribute.id, value: 'north' }]);
    const accepted = (await guest.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.communityId === circle);
    expect(accepted).toMatchObject({ purpose: { id: 'community_participation' }, state: { status: 'granted', channel: 'join', version: 1 } });
    expect((await owner.api.invitations.list({ communityId: circle })).items).toMatchObject([{ uses: 1, state: 'used_up' }]);
    expect(await guest.api.invitations.preview({ token })).toMatchObject({ alreadyMember: true, requirements: null });
  });

  it('members fill their profile; a value of the wrong type is refused and changes nothing', async () => {
    const attribute = await region();
    const size = await owner.api.profile.saveAttribute({ communityId, key: 'team_size', type: 'number', label: label('Team size') });
    const member = await app.signedUp('filler@example.org');
    await member.api.communities.join({ communityId, answers: { [attribute.id]: 'south' } });

    await member.api.profile.saveMine({ communityId, answers: { [size.id]: 12 } });
    const wrong = await failureOf(member.api.profile.saveMine({ communityId, answers: { [size.id]: 'twelve', [attribute.id]: 'north' } }));
    expect(wrong).toMatchObject({ domainCode: 'ATTRIBUTE_VALUE_INVALID', details: { attribute: 'team_size', reason: 'not_a_number' } });
    const required = await failureOf(member.api.profile.saveMine({ communityId, answers: { [attribute.id]: null } }));
    expect(required).toMatchObject({ domainCode: 'ATTRIBUTE_VALUE_INVALID', details: { attribute: 'region', reason: 'required' } });
    expect((await member.api.profile.mine({ communityId })).values.map((value) => value.value).sort()).toEqual([12, 'south']);
    await member.api.profile.saveMine({ communityId, answers: { [size.id]: null } });
    expect((await member.api.profile.mine({ communityId })).values).toHaveLength(1);
  });

  it('an answer saved while the member is being removed is refused as NOT_MEMBER, and none is kept', async () => {
    const size = await owner.api.profile.saveAttribute({ communityId, key: 'team_size', type: 'number', label: label('Team size') });
    const member = await app.signedUp('leaving@example.org');
    await member.api.communities.join({ communityId });
    const accountId = (await member.api.auth.me()).account!.id;
    const removal = heldTransaction(app.db, (repos) => repos.memberships.remove(communityId, accountId));
    await removal.reached;
    const save = member.api.profile.saveMine({ communityId, answers: { [size.id]: 12 } });
    await doneOrWaiting(app.db, save);
    removal.release();
    await removal.done;
    expect(await failureOf(save)).toMatchObject({ domainCode: 'NOT_MEMBER' });
    expect(await app.db.repositories.profileValues.list(communityId, accountId)).toEqual([]);
  });

  it('counts only members who consented to targeting, and stops the moment one withdraws', async () => {
    const attribute = await region();
    const consenting = await app.signedUp('yes@example.org');
    const declining = await app.signedUp('no@example.org');
    await consenting.api.communities.join({ communityId, answers: { [attribute.id]: 'north' } });
    await declining.api.communities.join({ communityId, answers: { [attribute.id]: 'north' } });
    await consenting.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'profile_targeting', action: 'grant', ...shown(await targetingText(consenting)) }] });

    const preview = () => owner.api.profile.targetingPreview({ communityId, filters: [{ attributeId: attribute.id, anyOf: ['north'] }] });
    expect(await preview()).toEqual({ matching: 1, consented: 1, members: 3 });
    expect((await failureOf(declining.api.profile.targetingPreview({ communityId, filters: [] }))).domainCode).toBe('FORBIDDEN');

    await consenting.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'profile_targeting', action: 'withdraw' }] });
    expect(await preview()).toEqual({ matching: 0, consented: 0, members: 3 });
  });

  it('shows member details to staff only with a reason, and the member sees the access', async () => {
    const attribute = await region();
    const member = await app.signedUp('looked-at@example.org');
    const peer = await app.signedUp('peer@example.org');
    await member.api.communities.join({ communityId, answers: { [attribute.id]: 'south' } });
    await peer.api.communities.join({ communityId, answers: { [attribute.id]: 'south' } });
    const accountId = (await member.api.auth.me()).account!.id;

    expect((await failureOf(owner.api.members.details({ communityId, accountId, reason: '' }))).issues).toContainEqual({ path: ['reason'], message: 'reason_required' });
    expect((await failureOf(peer.api.members.details({ communityId, accountId, reason: 'Just looking around' }))).domainCode).toBe('FORBIDDEN');
    const details = await owner.api.members.details({ communityId, accountId, reason: 'Support ticket 4711' });
    expect(details).toMatchObject({ email: 'looked-at@example.org', role: 'member', profile: [{ value: 'south' }] });

    expect((await member.api.privacy.center()).accesses).toMatchObject([{ action: 'member.details_viewed', reason: 'Support ticket 4711', actorName: 'Olga Owner', communityId }]);
    expect((await owner.api.admin.auditLog({ communityId })).items.map((entry) => entry.action)).toEqual(['member.details_viewed']);
    expect((await failureOf(owner.api.admin.auditLog({ communityId: null }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(peer.api.admin.auditLog({ communityId }))).domainCode).toBe('FORBIDDEN');
  });
});

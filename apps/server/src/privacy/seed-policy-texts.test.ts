import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyTextHash, type PolicyText } from '@quorum/domain/consent/policy-text';
import { locales } from '@quorum/domain/shared/locale';
import type { QuorumDatabase } from '@quorum/db/connect';
import { testDialects } from '@quorum/db/testing';
import { fixedClock } from '@quorum/domain/shared/clock';
import { newId } from '../ids.js';
import { seedPolicyTexts } from './seed-policy-texts.js';

/** What an instance seeded by an earlier Quorum holds: version 1 of a default text, as Quorum wrote it then. */
const earlierDefault = (document: PolicyText['document'], publishedBy: string | null = null, version = 1): PolicyText[] =>
  locales.map((locale) => {
    const body = `# Old ${document} (${locale})\n`;
    return { id: randomUUID(), communityId: null, document, version, locale, body, bodyHash: policyTextHash(body), publishedAt: new Date('2026-01-01T00:00:00Z'), publishedBy };
  });

describe.each(testDialects)('seeding the default texts on $name', (dialect) => {
  let db: QuorumDatabase;
  const services = () => ({ db, clock: fixedClock('2026-03-02T09:00:00.000Z'), newId });
  beforeEach(async () => {
    db = await dialect.create();
  });
  afterEach(() => db.close());

  it('publishes a default Quorum changed as a new version, once, unless the operator published their own', async () => {
    await db.repositories.policyTexts.publish(earlierDefault('consent:profile_targeting'));
    const admin = randomUUID();
    const at = new Date('2026-01-01T00:00:00Z');
    await db.repositories.accounts.create({ id: admin, email: 'op@example.org', emailVerifiedAt: at, displayName: 'Op', locale: 'en', isInstanceAdmin: true, createdAt: at }, 'hash');
    await db.repositories.policyTexts.publish(earlierDefault('consent:email_notifications'));
    await db.repositories.policyTexts.publish(earlierDefault('consent:email_notifications', admin, 2));

    expect(await seedPolicyTexts(services())).toBeGreaterThan(0);
    const targeting = await db.repositories.policyTexts.findCurrent(null, 'consent:profile_targeting', 'en');
    expect(targeting).toMatchObject({ version: 2, publishedBy: null });
    expect(targeting!.body).toContain('break down survey results');
    expect((await db.repositories.policyTexts.findCurrent(null, 'consent:profile_targeting', 'de'))!.body).toContain('Umfrageergebnisse');
    // The operator's own text stays as they published it.
    expect(await db.repositories.policyTexts.findCurrent(null, 'consent:email_notifications', 'en')).toMatchObject({ version: 2, publishedBy: admin });
    // Once: a second run (or a second process) changes nothing.
    expect(await Promise.all([seedPolicyTexts(services()), seedPolicyTexts(services())])).toEqual([0, 0]);
    expect(await db.repositories.policyTexts.latestVersion(null, 'consent:profile_targeting')).toBe(2);
  });
});

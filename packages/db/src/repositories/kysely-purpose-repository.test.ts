import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Purpose } from '@quorum/domain/consent/purpose-register';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { at, createdCommunity, expectDomainError, T0 } from '../testing/fixtures.js';

function aPurpose(communityId: string, id: string): Purpose {
  return {
    id,
    communityId,
    legalBasis: 'consent',
    dataCategories: ['profile', 'survey_responses'],
    retention: { kind: 'days', days: 90 },
    recipients: { de: ['Das Produktteam'], en: ['The product team'] },
    texts: {
      de: { title: 'Beta-Panel', description: 'Wir laden dich zu Beta-Tests ein „mit Umlauten“.' },
      en: { title: 'Beta panel', description: 'We invite you to beta tests.' },
    },
  };
}

describe.each(testDialects)('KyselyPurposeRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('adds community purposes and lists them per community, oldest first, JSON intact', async () => {
    const community = await createdCommunity(db.repositories);
    const other = await createdCommunity(db.repositories);
    const beta = aPurpose(community.id, 'beta_panel');
    const lifetime: Purpose = { ...aPurpose(community.id, 'alumni_list'), retention: { kind: 'account_lifetime' } };
    await db.repositories.purposes.add(beta, T0);
    await db.repositories.purposes.add(lifetime, at(1));
    await db.repositories.purposes.add(aPurpose(other.id, 'beta_panel'), T0);
    expect(await db.repositories.purposes.listForCommunity(community.id)).toEqual([beta, lifetime]);
    expect(await db.repositories.purposes.listForCommunity((await createdCommunity(db.repositories)).id)).toEqual([]);
  });

  it('refuses a purpose id twice in one community (CONFLICT), an instance purpose, and an unknown legal basis', async () => {
    const community = await createdCommunity(db.repositories);
    await db.repositories.purposes.add(aPurpose(community.id, 'beta_panel'), T0);
    await expectDomainError(db.repositories.purposes.add(aPurpose(community.id, 'beta_panel'), T0), 'CONFLICT');
    await expect(db.repositories.purposes.add({ ...aPurpose(community.id, 'core'), communityId: null }, T0)).rejects.toThrow(/community purposes/);
    await expect(db.repositories.purposes.add({ ...aPurpose(community.id, 'odd'), legalBasis: 'whim' as 'consent' }, T0)).rejects.toThrow();
  });
});

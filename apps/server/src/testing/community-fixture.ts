import type { PolicyText } from '@quorum/domain/consent/policy-text';
import type { TestDialect } from '@quorum/db/testing';
import { createTestApp, type TestApp, type TestClient } from './test-app.js';

type CommunityInput = Parameters<TestClient['api']['communities']['create']>[0];

interface OwnerFixture {
  app: TestApp;
  /** owner@example.org, signed up and signed in. */
  owner: TestClient;
}

interface CommunityFixture extends OwnerFixture {
  communityId: string;
}

/** A fresh app where anyone may create a community, and the account that will own one. */
export async function createOwnerFixture(dialect: TestDialect, { ownerName = 'Olga Owner' } = {}): Promise<OwnerFixture> {
  const app = await createTestApp(await dialect.create(), { env: { COMMUNITY_CREATION: 'everyone' } });
  return closedOnFailure(app, async () => ({ app, owner: await app.signedUp('owner@example.org', { displayName: ownerName }) }));
}

/** As createOwnerFixture, plus the owner's community: public "Bikes" in English unless the options say otherwise. */
export async function createCommunityFixture(
  dialect: TestDialect,
  { ownerName, ...community }: { ownerName?: string } & Partial<CommunityInput> = {},
): Promise<CommunityFixture> {
  const { app, owner } = await createOwnerFixture(dialect, { ownerName });
  return closedOnFailure(app, async () => {
    const created = await owner.api.communities.create({ slug: 'bikes', name: 'Bikes', visibility: 'public', defaultLocale: 'en', ...community });
    return { app, owner, communityId: created.id };
  });
}

/** A setup that fails closes its app itself: the test never gets it to close in afterEach. */
async function closedOnFailure<T>(app: TestApp, setUp: () => Promise<T>): Promise<T> {
  try {
    return await setUp();
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** The proof of which text a member was shown, as consent decisions carry it. */
export const shown = (text: PolicyText) => ({ policyTextId: text.id, textHash: text.bodyHash });

/** One wording for both languages. */
export const label = (en: string) => ({ de: en, en });

export const idOf = async (client: TestClient) => (await client.api.auth.me()).account!.id;

/** Grants the research consent as the prompt before a survey does, with the text the member was shown. */
export async function grantResearch(client: TestClient) {
  const research = (await client.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.id === 'research_surveys')!;
  await client.api.consent.decide({ channel: 'prompt', decisions: [{ purposeId: 'research_surveys', action: 'grant', ...shown(research.text) }] });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@quorum/domain/shared/pagination';
import { testDialects } from '@quorum/db/testing';
import { grantResearch, idOf, shown } from '../testing/community-fixture.js';
import { bikeSurvey } from '../testing/survey-fixtures.js';
import { issueSetupLink } from '../auth/setup-link.js';
import { createContextInner } from '../context.js';
import { createCallerFactory } from '../trpc.js';
import { appRouter } from './_app.js';
import {
  createTestApp,
  failureOf,
  TEST_PASSWORD,
  TEST_PUBLIC_URL,
  tokenOf,
  type TestApp,
  type TestClient,
} from '../testing/test-app.js';

/**
 * The security review of discussions, surveys and first run (issues 7, 10, 11): each probe
 * is an attack as an outsider, a visitor, a member of another community, a lower role, an
 * ex-member or a member without the research consent. Probes that held stay as guards.
 */
const definitionText = JSON.stringify(bikeSurvey);
const code = async (call: Promise<unknown>) => (await failureOf(call)).domainCode;
const createCaller = createCallerFactory(appRouter);

describe.each(testDialects)('attacks on discussions and surveys on $name', (dialect) => {
  let app: TestApp;
  let ownerA: TestClient;
  let ownerB: TestClient;
  let researcherA: TestClient;
  let memberA: TestClient;
  let visitor: TestClient;
  let communityA: string;
  let communityB: string;
  let categoryA: string;
  let categoryB: string;
  let threadB: { threadId: string; postId: string };
  let surveyA: string;
  let surveyB: string;

  async function joined(
    email: string,
    communityId: string,
    { consent = true } = {},
  ): Promise<TestClient> {
    const client = await app.signedUp(email);
    await client.api.communities.join({ communityId, answers: {} });
    if (consent) await grantResearch(client);
    return client;
  }

  beforeAll(async () => {
    app = await createTestApp(await dialect.create(), { env: { COMMUNITY_CREATION: 'everyone' } });
    ownerA = await app.signedUp('owner-a@example.org');
    ownerB = await app.signedUp('owner-b@example.org');
    visitor = app.client();
    communityA = (
      await ownerA.api.communities.create({
        slug: 'alpha',
        name: 'Alpha',
        visibility: 'public',
        defaultLocale: 'en',
      })
    ).id;
    communityB = (
      await ownerB.api.communities.create({
        slug: 'beta',
        name: 'Beta',
        visibility: 'private',
        defaultLocale: 'en',
      })
    ).id;
    researcherA = await joined('researcher-a@example.org', communityA);
    await ownerA.api.communities.changeRole({
      communityId: communityA,
      accountId: await idOf(researcherA),
      role: 'researcher',
    });
    memberA = await joined('member-a@example.org', communityA);
    categoryA = (
      await ownerA.api.discussions.createCategory({ communityId: communityA, name: 'General' })
    ).id;
    categoryB = (
      await ownerB.api.discussions.createCategory({ communityId: communityB, name: 'Secret' })
    ).id;
    threadB = await ownerB.api.discussions.createThread({
      categoryId: categoryB,
      title: 'Beta plans',
      body: 'Only for Beta',
    });
    surveyA = (
      await researcherA.api.surveys.create({
        communityId: communityA,
        anonymity: 'pseudonymous',
        definition: definitionText,
      })
    ).survey.id;
    await researcherA.api.surveys.changeLifecycle({
      surveyId: surveyA,
      change: { action: 'open' },
    });
    surveyB = (
      await ownerB.api.surveys.create({
        communityId: communityB,
        anonymity: 'identified',
        definition: definitionText,
      })
    ).survey.id;
    await ownerB.api.surveys.changeLifecycle({ surveyId: surveyB, change: { action: 'open' } });
  });
  afterAll(() => app.close());

  it('staff of one community reach no survey of another (IDOR with survey ids)', async () => {
    expect(await code(researcherA.api.surveys.forStaff({ surveyId: surveyB }))).toBe('FORBIDDEN');
    expect(await code(researcherA.api.surveys.exportDefinition({ surveyId: surveyB }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await code(
        researcherA.api.surveys.update({
          surveyId: surveyB,
          definition: definitionText,
          anonymity: 'identified',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        researcherA.api.surveys.changeLifecycle({ surveyId: surveyB, change: { action: 'close' } }),
      ),
    ).toBe('FORBIDDEN');
    expect(await code(researcherA.api.surveys.list({ communityId: communityB }))).toBe('FORBIDDEN');
    expect(
      await code(researcherA.api.surveys.respondent({ surveyId: surveyB, locale: 'en' })),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        researcherA.api.surveys.saveProgress({ surveyId: surveyB, answers: { rides: false } }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await code(researcherA.api.surveys.submit({ surveyId: surveyB, answers: { rides: false } })),
    ).toBe('FORBIDDEN');
    expect(
      (await researcherA.api.surveys.forMe({})).items.map((item) => item.survey.id),
    ).not.toContain(surveyB);
    // A visitor of the public community, and a member below researcher, see no staff view.
    expect(await code(visitor.api.surveys.list({ communityId: communityA }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await code(visitor.api.surveys.forStaff({ surveyId: surveyA }))).toBe('UNAUTHENTICATED');
    expect(await code(memberA.api.surveys.forStaff({ surveyId: surveyA }))).toBe('FORBIDDEN');
    expect(
      await code(memberA.api.surveys.update({ surveyId: surveyA, definition: definitionText })),
    ).toBe('FORBIDDEN');
    const after = await ownerB.api.surveys.forStaff({ surveyId: surveyB });
    expect(after).toMatchObject({
      status: 'open',
      survey: { anonymity: 'identified', currentVersion: 1 },
    });
  });

  it('a member who left, or was removed, writes nothing more: no posts, no edits, no answers', async () => {
    const leaver = await joined('leaver@example.org', communityA);
    const removed = await joined('removed@example.org', communityA);
    const own = await leaver.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Before I go',
      body: 'x',
    });
    const ownRemoved = await removed.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Spam',
      body: 'x',
    });
    await leaver.api.surveys.saveProgress({ surveyId: surveyA, answers: { rides: true } });
    await leaver.api.communities.leave({ communityId: communityA });
    await ownerA.api.communities.removeMember({
      communityId: communityA,
      accountId: await idOf(removed),
    });

    for (const [client, thread] of [
      [leaver, own],
      [removed, ownRemoved],
    ] as const) {
      expect(
        await code(client.api.discussions.reply({ threadId: thread.threadId, body: 'still here' })),
      ).toBe('FORBIDDEN');
      expect(
        await code(client.api.discussions.editPost({ postId: thread.postId, body: 'changed' })),
      ).toBe('FORBIDDEN');
      expect(
        await code(
          client.api.discussions.createThread({ categoryId: categoryA, title: 't', body: 'x' }),
        ),
      ).toBe('FORBIDDEN');
      expect(await code(client.api.surveys.respondent({ surveyId: surveyA, locale: 'en' }))).toBe(
        'FORBIDDEN',
      );
      expect(
        await code(
          client.api.surveys.saveProgress({ surveyId: surveyA, answers: { rides: false } }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        await code(client.api.surveys.submit({ surveyId: surveyA, answers: { rides: false } })),
      ).toBe('FORBIDDEN');
      expect(
        (await client.api.surveys.forMe({})).items.map((item) => item.survey.id),
      ).not.toContain(surveyA);
    }
    // The public community stays readable to them as to any visitor.
    expect((await leaver.api.discussions.thread({ threadId: own.threadId })).viewerMay).toEqual({
      post: false,
      reply: false,
      moderate: false,
    });
  });

  it('a member without the research consent sees the question to consent, and no answer goes in', async () => {
    const shy = await joined('shy@example.org', communityA, { consent: false });
    const view = await shy.api.surveys.respondent({ surveyId: surveyA, locale: 'en' });
    expect(view.consent?.purpose.id).toBe('research_surveys');
    expect(view.saved).toBeNull();
    expect(
      await code(shy.api.surveys.saveProgress({ surveyId: surveyA, answers: { rides: true } })),
    ).toBe('CONSENT_REQUIRED');
    expect(
      await code(shy.api.surveys.submit({ surveyId: surveyA, answers: { rides: false } })),
    ).toBe('CONSENT_REQUIRED');
    const shyId = await idOf(shy);
    const traces = await app.db.kysely
      .selectFrom('survey_pseudonyms')
      .select('account_id')
      .where('account_id', '=', shyId)
      .execute();
    expect(traces).toEqual([]);
  });

  it('a definition nested ever deeper is bad input, never a 500', async () => {
    // Built as text: JSON.stringify itself recurses. 20,000 levels of "not" fit in 200 KB.
    const depth = 20_000;
    const condition = `${'{"not":'.repeat(depth)}{"question":"rides","op":"equals","value":true}${'}'.repeat(depth)}`;
    const deep = structuredClone(bikeSurvey) as { pages: { skip: unknown[] }[] };
    deep.pages[0]!.skip = [{ if: '@CONDITION@', to: { page: 'last' } }];
    const definition = JSON.stringify(deep).replace('"@CONDITION@"', condition);
    const failure = await failureOf(
      researcherA.api.surveys.create({
        communityId: communityA,
        anonymity: 'identified',
        definition,
      }),
    );
    expect([failure.code, failure.domainCode]).toEqual([
      'BAD_REQUEST',
      'SURVEY_DEFINITION_INVALID',
    ]);
  });

  /** Calls `write` up to `tries` times; how many went through before the first refusal, and its code. */
  async function flood(tries: number, write: (attempt: number) => Promise<unknown>) {
    for (let attempt = 0; attempt < tries; attempt++) {
      const failure = await write(attempt).then(
        () => null,
        (error: unknown) => error,
      );
      if (failure)
        return {
          admitted: attempt,
          refusal: (await failureOf(Promise.reject(failure))).domainCode,
        };
    }
    return { admitted: tries, refusal: null };
  }

  it('a member cannot flood a community with posts, a post with edits, or the server with answers', async () => {
    const spammer = await joined('spammer@example.org', communityA);
    const { threadId, postId } = await spammer.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Flood',
      body: 'x',
    });
    const replies = await flood(500, (i) =>
      spammer.api.discussions.reply({ threadId, body: `reply ${i}` }),
    );
    expect(replies.refusal).toBe('RATE_LIMITED');
    expect(replies.admitted).toBeLessThan(100);
    // Every edit keeps the old body (up to 64 KB) for staff: edits count as writes too.
    const editor = await joined('editor@example.org', communityA);
    const own = await editor.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Edits',
      body: 'x',
    });
    const edits = await flood(500, (i) =>
      editor.api.discussions.editPost({
        postId: own.postId,
        body: `edit ${i} ${'y'.repeat(1000)}`,
      }),
    );
    expect(edits.refusal).toBe('RATE_LIMITED');
    expect(edits.admitted).toBeLessThan(100);
    const threads = await flood(500, (i) =>
      editor.api.discussions.createThread({ categoryId: categoryA, title: `t${i}`, body: 'x' }),
    );
    expect(threads).toEqual({ admitted: 0, refusal: 'RATE_LIMITED' });
    // The limit is per account, and it passes: an hour later the member writes again.
    await memberA.api.discussions.reply({ threadId, body: 'Another member is not held back' });
    app.services.clock.advance(3_600_000);
    await spammer.api.discussions.editPost({ postId, body: 'Back after an hour' });

    const answerer = await joined('answerer@example.org', communityA);
    const saves = await flood(2_000, () =>
      answerer.api.surveys.saveProgress({ surveyId: surveyA, answers: { rides: true } }),
    );
    expect(saves.refusal).toBe('RATE_LIMITED');
    expect(saves.admitted).toBeLessThan(500);

    const builder = await joined('builder@example.org', communityA);
    await ownerA.api.communities.changeRole({
      communityId: communityA,
      accountId: await idOf(builder),
      role: 'researcher',
    });
    const created = await flood(500, () =>
      builder.api.surveys.create({
        communityId: communityA,
        anonymity: 'identified',
        definition: definitionText,
      }),
    );
    expect(created.refusal).toBe('RATE_LIMITED');
    expect(created.admitted).toBeLessThan(100);
  });

  it('staff cannot turn an open anonymous survey identified under a respondent who was promised anonymity', async () => {
    const surveyId = (
      await researcherA.api.surveys.create({
        communityId: communityA,
        anonymity: 'anonymous',
        definition: definitionText,
      })
    ).survey.id;
    await researcherA.api.surveys.changeLifecycle({ surveyId, change: { action: 'open' } });
    const trusting = await joined('trusting@example.org', communityA);
    // The member opens the survey and is told it is anonymous; progress stays on the device.
    expect(
      (await trusting.api.surveys.respondent({ surveyId, locale: 'en' })).survey.anonymity,
    ).toBe('anonymous');
    // Nobody has submitted yet, so the server holds no response: staff switch the mode.
    const switched = await failureOf(
      researcherA.api.surveys.update({
        surveyId,
        anonymity: 'identified',
        definition: definitionText,
      }),
    );
    expect([switched.code, switched.domainCode]).toEqual(['CONFLICT', 'SURVEY_STATE_INVALID']);
    await trusting.api.surveys.submit({
      surveyId,
      answers: { rides: false, comment: 'honest words' },
      version: 1,
    });
    const trustingId = await idOf(trusting);
    const linked = await app.db.kysely
      .selectFrom('survey_responses')
      .select('id')
      .where('survey_id', '=', surveyId)
      .where('account_id', '=', trustingId)
      .execute();
    expect(linked).toEqual([]);
    // Before it opens, the mode may still change; but whoever was told one mode answers in that mode or not at all.
    const planned = (
      await researcherA.api.surveys.create({
        communityId: communityA,
        anonymity: 'anonymous',
        definition: definitionText,
      })
    ).survey.id;
    await researcherA.api.surveys.changeLifecycle({
      surveyId: planned,
      change: {
        action: 'schedule',
        opensAt: new Date(app.services.clock.now().getTime() + 60_000),
      },
    });
    expect(
      (await trusting.api.surveys.respondent({ surveyId: planned, locale: 'en' })).survey.anonymity,
    ).toBe('anonymous');
    await researcherA.api.surveys.changeLifecycle({
      surveyId: planned,
      change: { action: 'unschedule' },
    });
    expect(
      (
        await researcherA.api.surveys.update({
          surveyId: planned,
          anonymity: 'identified',
          definition: definitionText,
        })
      ).survey.anonymity,
    ).toBe('identified');
    await researcherA.api.surveys.changeLifecycle({
      surveyId: planned,
      change: { action: 'open' },
    });
    const told = { surveyId: planned, anonymity: 'anonymous' as const, answers: { rides: false } };
    expect(await code(trusting.api.surveys.submit({ ...told, version: 1 }))).toBe(
      'SURVEY_STATE_INVALID',
    );
    expect(await code(trusting.api.surveys.saveProgress(told))).toBe('SURVEY_STATE_INVALID');
    expect(
      await app.db.kysely
        .selectFrom('survey_responses')
        .select('id')
        .where('survey_id', '=', planned)
        .execute(),
    ).toEqual([]);
  });

  it('answers and replies sent at the same moment: one response per member, numbered posts, never a 500', async () => {
    for (const anonymity of ['identified', 'pseudonymous', 'anonymous'] as const) {
      const surveyId = (
        await researcherA.api.surveys.create({
          communityId: communityA,
          anonymity,
          definition: definitionText,
        })
      ).survey.id;
      await researcherA.api.surveys.changeLifecycle({ surveyId, change: { action: 'open' } });
      const racer = await joined(`racer-${anonymity}@example.org`, communityA);
      if (anonymity !== 'anonymous') {
        const saves = await Promise.allSettled(
          Array.from({ length: 5 }, () =>
            racer.api.surveys.saveProgress({ surveyId, answers: { rides: true } }),
          ),
        );
        for (const save of saves)
          if (save.status === 'rejected')
            expect((await failureOf(Promise.reject(save.reason))).code).not.toBe(
              'INTERNAL_SERVER_ERROR',
            );
      }
      const submits = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          racer.api.surveys.submit({ surveyId, answers: { rides: false }, version: 1 }),
        ),
      );
      expect(submits.filter((submit) => submit.status === 'fulfilled')).toHaveLength(1);
      for (const submit of submits) {
        if (submit.status === 'rejected')
          expect(['SURVEY_ALREADY_ANSWERED', 'CONFLICT']).toContain(
            (await failureOf(Promise.reject(submit.reason))).domainCode,
          );
      }
      const count = async (
        table: 'survey_responses' | 'survey_participations' | 'survey_pseudonyms',
      ) =>
        (
          await app.db.kysely
            .selectFrom(table)
            .select('survey_id')
            .where('survey_id', '=', surveyId)
            .execute()
        ).length;
      expect([
        await count('survey_responses'),
        await count('survey_participations'),
        await count('survey_pseudonyms'),
      ]).toEqual([1, 1, anonymity === 'pseudonymous' ? 1 : 0]);
    }
    const writer = await joined('racing-writer@example.org', communityA);
    const { threadId } = await writer.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Race',
      body: 'x',
    });
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        memberA.api.discussions.reply({ threadId, body: `r${i}` }),
      ),
    );
    expect(replies.map((reply) => reply.number).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect((await writer.api.discussions.thread({ threadId })).thread.postCount).toBe(11);
  });

  it('answers of absurd size or shape are bad input, never a 500', async () => {
    const matrixDefinition = structuredClone(bikeSurvey) as { pages: { questions: unknown[] }[] };
    matrixDefinition.pages[2]!.questions.push({
      id: 'grid',
      type: 'matrix',
      text: { en: 'Rate' },
      rows: [{ value: 'a', label: { en: 'A' } }],
      columns: [
        { value: 'x', label: { en: 'X' } },
        { value: 'y', label: { en: 'Y' } },
      ],
    });
    const surveyId = (
      await researcherA.api.surveys.create({
        communityId: communityA,
        anonymity: 'identified',
        definition: JSON.stringify(matrixDefinition),
      })
    ).survey.id;
    await researcherA.api.surveys.changeLifecycle({ surveyId, change: { action: 'open' } });
    const odd = await joined('odd@example.org', communityA);
    const huge = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`r${i}`, 'x']));
    const shapes: unknown[] = [
      huge,
      { __proto__: 'x', constructor: 'x' },
      [['nested']],
      { choice: 'x', other: 'y'.repeat(100_000) },
      null,
      Number.POSITIVE_INFINITY,
    ];
    for (const grid of shapes) {
      const failure = await failureOf(
        odd.api.surveys.submit({ surveyId, answers: { rides: false, grid } as never }),
      );
      expect([failure.code, failure.domainCode], JSON.stringify(grid).slice(0, 80)).toEqual([
        'BAD_REQUEST',
        expect.stringMatching(/^(VALIDATION|SURVEY_ANSWER_INVALID)$/),
      ]);
    }
    expect(
      await app.db.kysely
        .selectFrom('survey_responses')
        .select('id')
        .where('survey_id', '=', surveyId)
        .execute(),
    ).toEqual([]);
  });

  it('staff of one community use no staff tool on another: categories, pins, locks, deletes, histories', async () => {
    const before = await ownerB.api.discussions.categories({ communityId: communityB });
    expect(
      await code(
        ownerA.api.discussions.updateCategory({
          categoryId: categoryB,
          name: 'Owned',
          description: '',
          closedToMembers: true,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await code(ownerA.api.discussions.archiveCategory({ categoryId: categoryB, archived: true })),
    ).toBe('FORBIDDEN');
    expect(
      await code(ownerA.api.discussions.pinThread({ threadId: threadB.threadId, pinned: true })),
    ).toBe('FORBIDDEN');
    expect(
      await code(ownerA.api.discussions.lockThread({ threadId: threadB.threadId, locked: true })),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        ownerA.api.discussions.moveThread({ threadId: threadB.threadId, categoryId: categoryA }),
      ),
    ).toBe('FORBIDDEN');
    expect(await code(ownerA.api.discussions.deletePost({ postId: threadB.postId }))).toBe(
      'FORBIDDEN',
    );
    expect(await code(ownerA.api.discussions.postHistory({ postId: threadB.postId }))).toBe(
      'FORBIDDEN',
    );
    // In a public community the foreign owner reads, but still moderates nothing.
    const { threadId, postId } = await memberA.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Mine',
      body: 'x',
    });
    expect(await code(ownerB.api.discussions.deletePost({ postId }))).toBe('FORBIDDEN');
    expect(await code(ownerB.api.discussions.lockThread({ threadId, locked: true }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await code(
        ownerB.api.discussions.updateCategory({
          categoryId: categoryA,
          name: 'Taken',
          description: '',
          closedToMembers: false,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await code(ownerB.api.discussions.moveThread({ threadId, categoryId: categoryB }))).toBe(
      'FORBIDDEN',
    );
    expect(await ownerB.api.discussions.categories({ communityId: communityB })).toEqual(before);
    expect(
      (await ownerB.api.discussions.thread({ threadId: threadB.threadId })).thread,
    ).toMatchObject({ pinnedAt: null, lockedAt: null, categoryId: categoryB });
    expect((await memberA.api.discussions.thread({ threadId })).posts.items[0]).toMatchObject({
      deleted: false,
      body: 'x',
    });
  });

  it('a member cannot fill the insert-only consent ledger: one decision per purpose per call, and few calls', async () => {
    const toggler = await joined('toggler@example.org', communityA, { consent: false });
    const togglerId = await idOf(toggler);
    const research = (await toggler.api.consent.overview({ locale: 'en' })).find(
      (item) => item.purpose.id === 'research_surveys',
    )!;
    const grant = {
      purposeId: 'research_surveys',
      action: 'grant' as const,
      ...shown(research.text),
    };
    const withdraw = { purposeId: 'research_surveys', action: 'withdraw' as const };
    const ledgerRows = async () =>
      (
        await app.db.kysely
          .selectFrom('consent_events')
          .select('account_id')
          .where('account_id', '=', togglerId)
          .execute()
      ).length;
    const before = await ledgerRows();
    // 50 decisions flipping one purpose in one call would be 50 rows no one may ever delete.
    const flipped = await failureOf(
      toggler.api.consent.decide({
        channel: 'privacy_center',
        decisions: Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? grant : withdraw)),
      }),
    );
    expect([flipped.code, flipped.domainCode]).toEqual(['BAD_REQUEST', 'VALIDATION']);
    expect(await ledgerRows()).toBe(before);
    // One decision per call, flipped in a loop: the account is held back long before the ledger grows large.
    const flips = await flood(500, (i) =>
      toggler.api.consent.decide({
        channel: 'privacy_center',
        decisions: [i % 2 === 0 ? grant : withdraw],
      }),
    );
    expect(flips.refusal).toBe('RATE_LIMITED');
    expect(flips.admitted).toBeLessThan(100);
    expect(await ledgerRows()).toBe(before + flips.admitted);
  });

  it('a member cannot churn memberships (each leave withdraws, each join grants, in the insert-only ledger)', async () => {
    const churner = await joined('churner@example.org', communityA);
    const churn = await flood(200, (i) =>
      i % 2 === 0
        ? churner.api.communities.leave({ communityId: communityA })
        : churner.api.communities.join({ communityId: communityA, answers: {} }),
    );
    expect(churn.refusal).toBe('RATE_LIMITED');
    expect(churn.admitted).toBeLessThan(50);
    const applicant = await app.signedUp('applicant@example.org');
    const requests = await flood(200, () =>
      applicant.api.communities.requestToJoin({ communityId: communityB, message: 'Let me in' }),
    );
    expect(requests.refusal).toBe('JOIN_REQUEST_PENDING');
  });

  it('a page on another site cannot make a member’s browser read a thread for them (GET with their cookie)', async () => {
    const reader = await joined('reader@example.org', communityA);
    const readerId = await idOf(reader);
    const { threadId } = await memberA.api.discussions.createThread({ categoryId: categoryA, title: 'Unread news', body: 'one' });
    await memberA.api.discussions.reply({ threadId, body: 'two' });
    // A link or window.open on another site: a top-level GET of /trpc/discussions.thread carries
    // the SameSite=Lax session cookie, and the browser says Sec-Fetch-Site: cross-site.
    const crossSite = createCaller(() =>
      createContextInner(app.services, { sessionToken: reader.sessionToken, ip: '203.0.113.9', csrfHeader: null, origin: null, fetchSite: 'cross-site' }),
    );
    const failure = await failureOf(crossSite.discussions.thread({ threadId }));
    expect([failure.code, failure.domainCode]).toEqual(['FORBIDDEN', 'CSRF_FAILED']);
    expect(app.services.readMarks.pending(readerId, threadId)).toBeUndefined();
    const listed = (await reader.api.discussions.threads({ communityId: communityA })).items.find((thread) => thread.id === threadId);
    expect(listed?.unreadCount).toBeNull();
    // The same request from the site itself (or typed into the address bar) reads as before.
    for (const fetchSite of ['same-origin', 'none', null]) {
      const own = createCaller(() =>
        createContextInner(app.services, { sessionToken: reader.sessionToken, ip: '203.0.113.9', csrfHeader: null, origin: null, fetchSite }),
      );
      expect((await own.discussions.thread({ threadId })).posts.items).toHaveLength(2);
    }
  });

  it('a forged cursor (the checksum is no secret) is a clear error on every list, never a 500', async () => {
    const forge = (scope: string, key: (string | number)[]) =>
      encodeCursor(scope, { direction: 'after', key });
    const issue = async (call: Promise<unknown>) => {
      const failure = await failureOf(call);
      return [failure.code, failure.domainCode];
    };
    const invalid = ['BAD_REQUEST', 'VALIDATION'];
    const memberId = await idOf(memberA);
    for (const key of [
      [1],
      ['x', 'y'],
      [1, 2, 3],
      ['not a time', 'id'],
      ['9999-99-99T99:99:99.999Z', 'id'],
      [1e308, 'id'],
    ]) {
      expect(
        await issue(
          memberA.api.discussions.threads({
            communityId: communityA,
            cursor: forge(`threads:${communityA}::latest`, key),
          }),
        ),
      ).toEqual(invalid);
      expect(
        await issue(
          memberA.api.surveys.list({
            communityId: communityA,
            cursor: forge(`surveys:${communityA}:members`, key),
          }),
        ),
      ).toEqual(invalid);
      expect(
        await issue(memberA.api.surveys.forMe({ cursor: forge(`surveys-for:${memberId}`, key) })),
      ).toEqual(invalid);
      expect(
        await issue(
          memberA.api.discussions.memberReplies({
            communityId: communityA,
            accountId: memberId,
            cursor: forge(`member-replies:${communityA}:${memberId}`, key),
          }),
        ),
      ).toEqual(invalid);
    }
    const { threadId } = await memberA.api.discussions.createThread({
      categoryId: categoryA,
      title: 'Cursor',
      body: 'x',
    });
    // Whole numbers beyond the 32-bit integer columns hold (post numbers, reply counts).
    for (const key of [[2 ** 31, 'id'], [-(2 ** 31) - 1, 'id'], [Number.MAX_SAFE_INTEGER, 'id']]) {
      expect(
        await issue(
          memberA.api.discussions.threads({ communityId: communityA, order: 'replies', cursor: forge(`threads:${communityA}::replies`, key) }),
        ),
      ).toEqual(invalid);
    }
    for (const key of [['x'], [1.5], [-1e300], [Number.MAX_SAFE_INTEGER + 2], [2 ** 31], [-(2 ** 31) - 1], [Number.MAX_SAFE_INTEGER]]) {
      expect(
        await issue(
          memberA.api.discussions.thread({ threadId, cursor: forge(`posts:${threadId}`, key) }),
        ),
      ).toEqual(invalid);
    }
    // A valid forged position in a thread the viewer may not read still reads nothing.
    expect(
      await code(
        memberA.api.discussions.thread({
          threadId: threadB.threadId,
          cursor: forge(`posts:${threadB.threadId}`, [0]),
        }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe.each(testDialects)('attacks on the first run on $name', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(await dialect.create());
  });
  afterAll(() => app.close());

  const setupInput = (token: string, email: string) => ({
    token,
    email,
    password: TEST_PASSWORD,
    displayName: 'Root',
    locale: 'en' as const,
  });
  const issue = (kind: 'first-admin' | 'another-admin') =>
    issueSetupLink(app.db, app.services.clock, TEST_PUBLIC_URL, kind).then(tokenOf);

  it('a setup link used twice, or twice at the same moment, makes one admin', async () => {
    const token = await issue('first-admin');
    const raced = await Promise.allSettled(
      ['race-1@example.org', 'race-2@example.org', 'race-3@example.org'].map((email) =>
        app.client().api.auth.completeSetup(setupInput(token, email)),
      ),
    );
    expect(raced.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    // A loser finds the link used, or (on PostgreSQL, having read it before the winner
    // committed) the admin the winner made: refused either way.
    for (const attempt of raced) {
      if (attempt.status === 'rejected')
        expect(['TOKEN_INVALID', 'SETUP_ALREADY_DONE']).toContain(
          (await failureOf(Promise.reject(attempt.reason))).domainCode,
        );
    }
    expect(
      (
        await failureOf(
          app.client().api.auth.completeSetup(setupInput(token, 'replay@example.org')),
        )
      ).domainCode,
    ).toBe('TOKEN_INVALID');
    expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(1);
    // A link for another admin (`quorum admin create`) is one-time too.
    const another = await issue('another-admin');
    await app.client().api.auth.completeSetup(setupInput(another, 'second-admin@example.org'));
    expect(
      (
        await failureOf(
          app.client().api.auth.completeSetup(setupInput(another, 'third-admin@example.org')),
        )
      ).domainCode,
    ).toBe('TOKEN_INVALID');
    expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(2);
  });
});

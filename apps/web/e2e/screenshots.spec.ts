import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { adminAuthFile, expect, joinedMember, mutate, test } from './support';

/**
 * Not a check but a look: the main pages at the narrowest phone, phone and desktop width, in German and
 * English, written to /screenshots (git-ignored) for a human (or agent) to inspect.
 */
const outDir = fileURLToPath(new URL('../../../screenshots', import.meta.url));
const widths = [320, 375, 1280] as const;
const locales = ['en', 'de'] as const;

async function shoot(page: Page, locale: string, name: string) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForLoadState('networkidle');
    const { scrollWidth, widest } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      // What sticks out, to say where to look.
      widest: [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(-3)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    }));
    expect(
      scrollWidth,
      `${name} scrolls sideways at ${width}px: ${widest.join(', ')}`,
    ).toBeLessThanOrEqual(width);
    await page.screenshot({
      path: path.join(outDir, `${locale}-${width}-${name}.png`),
      fullPage: true,
    });
  }
}

for (const locale of locales) {
  test(`screenshots of the visitor pages (${locale})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      baseURL,
      locale: locale === 'de' ? 'de-DE' : 'en-US',
    });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await shoot(page, locale, 'directory-visitor');
    await page.goto('/sign-in');
    await shoot(page, locale, 'sign-in');
    // A limit says how long to wait: three reset requests per address, the fourth waits.
    for (let attempt = 0; attempt < 4; attempt++) {
      await page.goto('/forgot-password');
      await page.locator('input[name=email]').fill(`limited-${locale}@example.org`);
      await page.locator('form button[type=submit]').click();
      if (attempt < 3) await expect(page.locator('.alert--success')).toBeVisible();
    }
    await expect(
      page.getByText(
        locale === 'de'
          ? 'Bitte versuch es in 15 Minuten noch einmal.'
          : 'Please try again in 15 minutes.',
      ),
    ).toBeVisible();
    await shoot(page, locale, 'forgot-password-limited');
    await page.goto('/sign-up');
    await page.locator('input[name=email]').fill('nope@');
    await page.locator('input[name=password]').fill('password');
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('[aria-invalid=true]').first()).toBeVisible();
    await shoot(page, locale, 'sign-up-errors');
    await page.goto('/sign-up');
    await page.getByRole('group').last().locator('summary').first().click();
    await shoot(page, locale, 'sign-up');
    await page.goto('/terms');
    await shoot(page, locale, 'terms');
    await page.goto('/privacy?version=1');
    await shoot(page, locale, 'privacy-notice-old-version');
    await page.goto('/c/kundenforum-sued');
    await shoot(page, locale, 'community-visitor');
    await page.goto('/missing');
    await shoot(page, locale, 'not-found');
    await context.close();
  });

  test(`screenshots of the admin pages (${locale})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: adminAuthFile() });
    const page = await context.newPage();
    await page.goto('/');
    // The account's saved language wins, so switch it the way a person would — once the
    // page knows the account (before that, the switch cannot save it).
    await expect(page.locator('.menu__button')).toBeVisible();
    await page.locator('.lang-switch select').selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await shoot(page, locale, 'directory');
    await page.goto('/c/kundenforum-sued');
    await shoot(page, locale, 'community');
    await page.goto('/c/kundenforum-sued/members');
    await expect(page.locator('.list__item').first()).toBeVisible();
    await shoot(page, locale, 'members');
    await page.goto('/c/beta-lab/invitations');
    await page.locator('input[name=note]').fill('Newsletter');
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('.copy-field input')).toBeVisible();
    await shoot(page, locale, 'invitations');
    await page.goto('/communities/new');
    await shoot(page, locale, 'create-community');
    await page.goto('/account');
    await shoot(page, locale, 'account');
    await page.goto('/privacy-center');
    await expect(page.locator('.purpose').first()).toBeVisible();
    await shoot(page, locale, 'privacy-center');
    await page.goto('/c/kundenbeirat-nord/profile');
    await expect(page.locator('form .choices').first()).toBeVisible();
    await shoot(page, locale, 'profile');
    await page.goto('/c/kundenbeirat-nord/attributes');
    await expect(page.locator('.list__item').first()).toBeVisible();
    await shoot(page, locale, 'attributes');
    for (const [path, name] of [
      ['/admin', 'admin-records'],
      ['/admin/policies', 'admin-policies'],
      ['/admin/settings', 'admin-settings'],
      ['/admin/requests', 'admin-requests'],
      ['/admin/audit', 'admin-audit'],
    ] as const) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      await shoot(page, locale, name);
    }
    await page.goto('/c/kundenforum-sued');
    await page.locator('.menu__button').click();
    await page.setViewportSize({ width: 375, height: 700 });
    await page.screenshot({ path: path.join(outDir, `${locale}-375-menu.png`) });
    await page.locator('.lang-switch select').selectOption('en');
    await context.close();
  });
}

for (const locale of locales) {
  test(`screenshots of the discussion pages (${locale})`, async ({ browser, baseURL }) => {
    // The discussions flows (discussions.spec.ts) left Radforum with Ideas, Announcements and a
    // long, pinned, locked thread. A member adds an open one with the Markdown people write.
    const member = await joinedMember(
      browser,
      baseURL,
      'radforum',
      `Clara ${locale.toUpperCase()}`,
    );
    await member.locator('.lang-switch select').selectOption(locale);
    await expect(member.locator('html')).toHaveAttribute('lang', locale);
    await member.goto('/c/radforum/new-thread');
    await member
      .locator('input[name=title]')
      .fill(
        locale === 'de'
          ? 'Wie lang hält der Akku im Winter?'
          : 'How long does the battery last in winter?',
      );
    await member
      .locator('textarea[name=body]')
      .fill(
        '## Setup\n\n- Cargo bike, **500 Wh** battery\n- about 12 km a day, `eco` mode\n\nAt −5 °C I get [half the range](https://example.org/range). Is that normal?',
      );
    await shoot(member, locale, 'new-thread');
    await member.locator('form button[type=submit]').click();
    await expect(member.locator('article.post')).toHaveCount(1);
    const threadId = member.url().split('/t/')[1]!;
    const firstId = (await member.locator('article.post').first().getAttribute('id'))!.slice(5);
    await mutate(member, 'discussions.reply', {
      threadId,
      body: 'Same here: about 60 % in January. Keeping the battery indoors overnight helps.',
      quotedPostId: firstId,
    });
    await mutate(member, 'discussions.editPost', {
      postId: firstId,
      body: '## Setup\n\n- Cargo bike, **500 Wh** battery\n- about 12 km a day, `eco` mode\n\nAt −5 °C I get [half the range](https://example.org/range). Is that normal?\n\n> Edit: the battery is two years old.',
    });
    await member.reload();
    await expect(member.locator('article.post')).toHaveCount(2);
    await shoot(member, locale, 'thread');
    await member.locator('article.post').first().locator('.post__actions button').first().click();
    await member.locator('textarea[name=body]').fill('Thanks! *Indoors* it is.');
    await member.locator('.composer__actions button[aria-pressed]').click();
    await shoot(member, locale, 'thread-reply-preview');
    await member.goto('/c/radforum');
    await expect(member.locator('.thread-row').first()).toBeVisible();
    await shoot(member, locale, 'community-discussions');
    await member.locator('.category-row__name').last().click();
    await expect(member.locator('.thread-row').first()).toBeVisible();
    await shoot(member, locale, 'category');
    await member.goto(`/c/radforum/t/${threadId}`);
    await member.locator('.post__byline a').first().click();
    await expect(member.locator('.thread-row').first()).toBeVisible();
    await shoot(member, locale, 'member');
    await member.context().close();

    const admin = await browser.newContext({ baseURL, storageState: adminAuthFile() });
    const staff = await admin.newPage();
    await staff.goto('/c/radforum');
    await expect(staff.locator('.menu__button')).toBeVisible();
    await staff.locator('.lang-switch select').selectOption(locale);
    await expect(staff.locator('html')).toHaveAttribute('lang', locale);
    await staff.goto('/c/radforum/categories');
    await expect(staff.locator('.manage-row').first()).toBeVisible();
    await shoot(staff, locale, 'categories');
    await staff.goto(`/c/radforum/t/${threadId}`);
    await staff.locator('.post__meta .link-button').click();
    await expect(staff.locator('.history__item')).toHaveCount(1);
    await shoot(staff, locale, 'post-history');
    await staff.goto('/c/radforum');
    await staff.locator('.thread-row__title a').first().click();
    await expect(staff.locator('article.post').first()).toBeVisible();
    await shoot(staff, locale, 'thread-staff-locked');
    await staff.locator('.lang-switch select').selectOption('en');
    await admin.close();

    const visitor = await browser.newContext({
      baseURL,
      locale: locale === 'de' ? 'de-DE' : 'en-US',
    });
    const page = await visitor.newPage();
    await page.goto(`/c/radforum/t/${threadId}`);
    await expect(page.locator('article.post')).toHaveCount(2);
    await shoot(page, locale, 'thread-visitor');
    await visitor.close();
  });
}

/** Every question type, taken from the examples in docs/survey-definition.md (three pages and an end screen). */
function showcaseSurvey(locale: string) {
  const docs = readFileSync(fileURLToPath(new URL('../../../docs/survey-definition.md', import.meta.url)), 'utf8');
  const questions = new Map(
    [...docs.matchAll(/```json question\n([\s\S]*?)```/g)].map((match) => {
      const question = JSON.parse(match[1]!) as { id: string };
      return [question.id, question] as const;
    }),
  );
  const pick = (...ids: string[]) => ids.map((id) => questions.get(id)!);
  return {
    schemaVersion: 1,
    title: { de: `Produktumfrage ${locale.toUpperCase()}`, en: `Product survey ${locale.toUpperCase()}` },
    pages: [
      { id: 'choices', title: { de: 'Dein Produkt', en: 'Your product' }, questions: pick('product', 'country', 'features', 'recommend_yes') },
      { id: 'scales', title: { de: 'Deine Bewertung', en: 'Your rating' }, questions: pick('satisfaction', 'nps', 'aspects') },
      { id: 'details', title: { de: 'Zum Schluss', en: 'Finally' }, questions: pick('nickname', 'story', 'devices', 'customer_since', 'priorities') },
    ],
    endings: [
      {
        id: 'thanks',
        title: { de: 'Vielen Dank!', en: 'Thank you!' },
        text: { de: 'Deine Antworten helfen uns, das Produkt besser zu machen.', en: 'Your answers help us make the product better.' },
      },
    ],
  };
}

for (const locale of locales) {
  test(`screenshots of the survey pages (${locale})`, async ({ browser, baseURL }) => {
    // A community of its own (German, Berlin time), owned by the admin.
    const admin = await browser.newContext({ baseURL, storageState: adminAuthFile() });
    const staff = await admin.newPage();
    await staff.goto('/');
    await expect(staff.locator('.menu__button')).toBeVisible();
    await staff.locator('.lang-switch select').selectOption(locale);
    await expect(staff.locator('html')).toHaveAttribute('lang', locale);
    const slug = `umfragen-${locale}`;
    const { id: communityId } = await mutate<{ id: string }>(staff, 'communities.create', {
      slug,
      name: locale === 'de' ? 'Umfragewerkstatt' : 'Survey workshop',
      visibility: 'public',
      defaultLocale: locale,
      timeZone: 'Europe/Berlin',
    });
    const created = await mutate<{ survey: { id: string } }>(staff, 'surveys.create', {
      communityId,
      // German pseudonymous, English anonymous: both explanations, both ways of keeping progress.
      anonymity: locale === 'de' ? 'pseudonymous' : 'anonymous',
      definition: JSON.stringify(showcaseSurvey(locale)),
    });
    await mutate(staff, 'surveys.changeLifecycle', { surveyId: created.survey.id, change: { action: 'open' } });

    // The staff list with its upload form, and a file that is not a definition.
    await staff.goto(`/c/${slug}/surveys`);
    await expect(staff.locator('.list__item').first()).toBeVisible();
    await shoot(staff, locale, 'surveys-staff');
    await staff.locator('input[type=file]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ schemaVersion: 1, title: { de: 'Kaputt' }, pages: [{ id: 'p', questions: [{ id: 'q', type: 'rating', min: 5, max: 1, text: { de: 'x' } }] }] })),
    });
    await staff.locator('form button[type=submit]').click();
    await expect(staff.locator('.alert--danger li').first()).toBeVisible();
    await shoot(staff, locale, 'surveys-staff-upload-errors');
    await staff.locator('.lang-switch select').selectOption('en');
    await admin.close();

    // A member without the research consent: "surveys for me", the consent asked in place,
    // the anonymity explanation, each page, the problems shown, the end screen.
    const member = await joinedMember(browser, baseURL, slug, `Rosa ${locale.toUpperCase()}`);
    await member.locator('.lang-switch select').selectOption(locale);
    await expect(member.locator('html')).toHaveAttribute('lang', locale);
    await member.goto(`/c/${slug}/surveys`);
    await expect(member.locator('.list__item').first()).toBeVisible();
    await shoot(member, locale, 'surveys-member');
    await member.goto('/surveys');
    await expect(member.locator('.list__item').first()).toBeVisible();
    await shoot(member, locale, 'surveys-for-me');
    await member.goto(`/surveys/${created.survey.id}`);
    await expect(member.locator('.survey__consent-text')).toBeVisible();
    await shoot(member, locale, 'survey-consent-ask');
    await member.locator('.card button').first().click();
    await expect(member.locator('.survey__consent-text')).toHaveCount(0);
    await shoot(member, locale, 'survey-explained');
    await member.locator('.card button').first().click();
    await expect(member.locator('.survey__page-title')).toBeFocused();
    await shoot(member, locale, 'survey-page-1');
    await member.locator('form.survey button[type=submit]').click();
    await expect(member.locator('.field__error').first()).toBeVisible();
    await shoot(member, locale, 'survey-page-1-problems');
    await member.locator('fieldset.survey__question').first().locator('input[type=radio]').first().check();
    await member.locator('form.survey button[type=submit]').click();
    await expect(member.locator('.survey__matrix-row').first()).toBeVisible();
    for (const row of await member.locator('.survey__matrix-row').all()) await row.locator('input').first().check();
    await shoot(member, locale, 'survey-page-2');
    await member.locator('form.survey button[type=submit]').click();
    await expect(member.locator('input[type=date]')).toBeVisible();
    await shoot(member, locale, 'survey-page-3');
    await member.locator('form.survey button[type=submit]').click();
    await expect(member.locator('.survey__page-title')).toHaveText(locale === 'de' ? 'Vielen Dank!' : 'Thank you!');
    await shoot(member, locale, 'survey-end');
    await member.locator('.lang-switch select').selectOption('en');
    await member.context().close();
  });
}

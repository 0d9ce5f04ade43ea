import type { Page } from '@playwright/test';
import {
  asAdmin,
  createCommunity,
  expect,
  expectAccessible,
  joinedMember,
  mutate,
  test,
} from './support';

// One community for the whole file: the flows build on each other's threads and members.
test.describe.configure({ mode: 'serial' });

const slug = 'radforum';
let threadUrl = '';

/** Post #n, whatever the page's language. */
const post = (page: Page, number: number) =>
  page.locator('article.post').filter({ has: page.getByText(`#${number}`, { exact: true }) });

let anna: Page;
let ben: Page;

test('staff open the discussions: categories are created, described, ordered', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await createCommunity(admin, {
    name: 'Radforum',
    slug,
    description: 'Everything about our bikes.',
    visibility: 'Public',
  });
  await expect(admin.getByText('No categories yet')).toBeVisible();
  await admin.getByRole('link', { name: 'Manage categories' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Categories' })).toBeVisible();
  const create = admin.getByRole('form', { name: 'New category' });
  await create.getByLabel('Name').fill('Ideas');
  await create.getByLabel('Description').fill('What should we build next?');
  await create.getByRole('button', { name: 'Create category' }).click();
  await expect(admin.getByRole('link', { name: 'Ideas' })).toBeVisible();
  await create.getByLabel('Name').fill('Announcements');
  await create.getByRole('checkbox', { name: 'Only the team starts threads' }).check();
  await create.getByRole('button', { name: 'Create category' }).click();
  await expect(admin.getByRole('link', { name: 'Announcements' })).toBeVisible();
  // Announcements first, by keyboard: the focus stays with the moved row.
  await admin.getByRole('button', { name: 'Move Announcements up' }).focus();
  await admin.keyboard.press('Enter');
  await expect(admin.getByText('Announcements is now at position 1.')).toBeAttached();
  await expect(admin.getByRole('button', { name: 'Move Announcements down' })).toBeFocused();
  await expectAccessible(admin);
  await admin.goto(`/c/${slug}`);
  const categories = admin.locator('.category-list');
  await expect(categories.getByRole('link').first()).toHaveText('Announcements');
  await expect(categories.getByText('Only the team starts threads')).toBeVisible();
  await expectAccessible(admin);
  await admin.context().close();
});

test('a member starts a thread, another replies with a quote, the first edits', async ({
  browser,
  baseURL,
}) => {
  anna = await joinedMember(browser, baseURL, slug, 'Anna Autorin');
  ben = await joinedMember(browser, baseURL, slug, 'Ben Beispiel');

  await anna.getByRole('link', { name: 'Start a thread' }).click();
  await expect(anna.getByRole('heading', { level: 1, name: 'Start a thread' })).toBeVisible();
  // Announcements are closed to members: only Ideas is offered.
  await expect(anna.getByLabel('Category').locator('option')).toHaveText(['Ideas']);
  await anna.getByLabel('Title').fill('A rack for two crates');
  const body = anna.getByLabel('Your first post');
  await body.fill(
    'A **rack** that holds two crates.\n\n<img src=x onerror=alert(1)> [click](javascript:alert(1))',
  );
  await anna.getByRole('button', { name: 'Preview' }).click();
  const preview = anna.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong')).toHaveText('rack');
  await expect(preview).toContainText('<img src=x onerror=alert(1)>');
  await expect(preview.locator('img, a[href^="javascript"]')).toHaveCount(0);
  await expectAccessible(anna);
  await anna.getByRole('button', { name: 'Start thread' }).click();
  await expect(
    anna.getByRole('heading', { level: 1, name: 'A rack for two crates' }),
  ).toBeVisible();
  threadUrl = new URL(anna.url()).pathname;
  await expect(post(anna, 1).locator('strong')).toHaveText('rack');
  await expectAccessible(anna);

  // Ben finds it on the community page and quotes it.
  await ben.goto(`/c/${slug}`);
  await ben.getByRole('link', { name: 'A rack for two crates' }).click();
  await post(ben, 1).getByRole('button', { name: 'Quote' }).click();
  await expect(ben.getByText('Quoting Anna Autorin (#1)')).toBeVisible();
  await expect(ben.getByLabel('Reply', { exact: true })).toBeFocused();
  await ben.keyboard.type('Yes please, with a rain cover.');
  await ben.getByRole('button', { name: 'Post reply' }).click();
  const reply = post(ben, 2);
  await expect(reply).toBeFocused();
  await expect(reply.getByRole('link', { name: 'Anna Autorin wrote (#1):' })).toBeVisible();
  await expect(reply.locator('blockquote strong')).toHaveText('rack');
  await expect(reply).toContainText('Yes please, with a rain cover.');
  await expectAccessible(ben);

  // Anna edits her post: everyone sees the mark, the quote shows the text as it is now.
  await anna.reload();
  await post(anna, 1).getByRole('button', { name: 'Edit' }).click();
  const edit = anna.getByLabel('Your post');
  await expect(edit).toBeFocused();
  await edit.fill('A **sturdy rack** that holds two crates.');
  await anna.getByRole('button', { name: 'Save post' }).click();
  await expect(post(anna, 1).locator('strong')).toHaveText('sturdy rack');
  await expect(post(anna, 1).getByText('edited', { exact: true })).toBeVisible();
  await ben.reload();
  await expect(post(ben, 2).locator('blockquote strong')).toHaveText('sturdy rack');
  await expect(post(ben, 1).getByText('edited', { exact: true })).toBeVisible();
  // Members see no edit history; staff do.
  await expect(ben.getByRole('button', { name: 'edited · show history' })).toHaveCount(0);
  const admin = await asAdmin(browser, baseURL);
  await admin.goto(threadUrl);
  await post(admin, 1).getByRole('button', { name: 'edited · show history' }).click();
  const history = admin.getByRole('dialog', { name: 'Earlier versions' });
  await expect(history.locator('strong').first()).toHaveText('rack');
  await expectAccessible(admin);
  await history.getByRole('button', { name: 'Close' }).click();
  await admin.context().close();
});

test('a quote link opens the thread at the quoted post in a long thread; paging works both ways', async () => {
  const threadId = threadUrl.split('/').at(-1)!;
  // A long thread, written through the API: 43 more replies (posts 3–45), then one quoting #5.
  const ids: string[] = [];
  for (let number = 3; number <= 45; number++) {
    const { postId } = await mutate<{ postId: string }>(ben, 'discussions.reply', {
      threadId,
      body: `Reply number ${number}`,
    });
    ids[number] = postId;
  }
  await mutate(ben, 'discussions.reply', {
    threadId,
    body: 'As said above.',
    quotedPostId: ids[5],
  });

  // Anna read up to #2; the community page says what is new for her.
  await anna.goto(`/c/${slug}`);
  await anna.getByRole('link', { name: /44 new posts in A rack for two crates/ }).click();
  await expect(anna).toHaveURL(/\?unread=1$/);
  await expect(post(anna, 3)).toBeFocused();
  await expect(anna.getByText('New since your last visit')).toBeVisible();
  await expect(anna.getByRole('status').filter({ hasText: 'Posts 3–22 of 46' })).toBeVisible();
  await anna.getByRole('button', { name: /Show later posts/ }).click();
  await anna.getByRole('button', { name: /Show later posts/ }).click();
  await expect(anna.getByRole('status').filter({ hasText: 'Posts 3–46 of 46' })).toBeVisible();
  await expectAccessible(anna);

  // The quote's link opens the thread at #5, wherever it stands.
  await post(anna, 46).getByRole('link', { name: 'Ben Beispiel wrote (#5):' }).click();
  await expect(anna).toHaveURL(new RegExp(`\\?post=${ids[5]}$`));
  await expect(post(anna, 5)).toBeFocused();
  await expect(post(anna, 5)).toBeInViewport();
  await expect(anna.getByRole('status').filter({ hasText: 'Posts 5–24 of 46' })).toBeVisible();
  // Up: the four before it.
  await anna.getByRole('button', { name: 'Show earlier posts (4 more)' }).click();
  await expect(post(anna, 1)).toBeVisible();
  await expect(anna.getByRole('button', { name: /Show earlier/ })).toHaveCount(0);
  // Down: the rest.
  await anna.getByRole('button', { name: 'Show later posts (22 more)' }).click();
  await expect(anna.getByRole('status').filter({ hasText: 'Posts 1–44 of 46' })).toBeVisible();
  await anna.getByRole('button', { name: 'Show later posts (2 more)' }).click();
  await expect(post(anna, 46)).toBeVisible();
  await expect(anna.getByRole('button', { name: /Show later/ })).toHaveCount(0);
  await expectAccessible(anna);
});

test('a locked thread refuses replies (in German)', async ({ browser, baseURL }) => {
  await ben.goto(threadUrl);
  await ben.getByLabel('Language').selectOption('de');
  await expect(ben.getByRole('button', { name: 'Antwort senden' })).toBeVisible();
  await ben.getByLabel('Antwort', { exact: true }).fill('One more thing.');

  // Meanwhile staff pin, lock and move it.
  const admin = await asAdmin(browser, baseURL);
  await admin.goto(threadUrl);
  await admin.getByRole('button', { name: 'Pin' }).click();
  await expect(admin.getByRole('button', { name: 'Unpin' })).toBeVisible();
  await admin.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(admin.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(admin.getByText('This thread is locked: it takes no new replies.')).toBeVisible();
  await admin.getByRole('button', { name: 'Move' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Move this thread' });
  await dialog.getByLabel('To category').selectOption({ label: 'Announcements' });
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(
    admin.locator('.page__eyebrow').getByRole('link', { name: 'Announcements' }),
  ).toBeVisible();
  await admin.context().close();

  // Ben's reply, written before the lock, is refused with a clear message and nothing lands.
  await ben.getByRole('button', { name: 'Antwort senden' }).click();
  await expect(
    ben.getByText('Dieses Thema ist gesperrt: Es nimmt keine neuen Antworten an.'),
  ).toBeVisible();
  await ben.reload();
  await expect(ben.getByText('Angeheftet').first()).toBeVisible();
  await expect(ben.getByRole('button', { name: 'Antwort senden' })).toHaveCount(0);
  await expect(ben.getByRole('textbox')).toHaveCount(0);
  await expect(ben.getByText('One more thing.')).toHaveCount(0);
  await expectAccessible(ben);
  await ben.context().close();
  await anna.context().close();
});

for (const locale of ['en', 'de'] as const) {
  test(`a visitor reads a public community but sees no composer (${locale})`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({
      baseURL,
      locale: locale === 'de' ? 'de-DE' : 'en-US',
    });
    const page = await context.newPage();
    await page.goto(`/c/${slug}`);
    const latest = locale === 'de' ? 'Neueste Themen' : 'Latest threads';
    await expect(page.getByRole('heading', { name: latest })).toBeVisible();
    await expect(
      page.getByRole('link', { name: locale === 'de' ? 'Thema beginnen' : 'Start a thread' }),
    ).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Announcements' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Announcements' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'A rack for two crates' }).first().click();
    await expect(post(page, 1).locator('strong')).toHaveText('sturdy rack');
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(
      page.getByRole('button', { name: locale === 'de' ? 'Zitieren' : 'Quote' }),
    ).toHaveCount(0);
    await expect(
      page.getByText(
        locale === 'de'
          ? 'Dieses Thema ist gesperrt: Es nimmt keine neuen Antworten an.'
          : 'This thread is locked: it takes no new replies.',
      ),
    ).toBeVisible();
    await expectAccessible(page);
    await context.close();
  });
}

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run through playwright.config.ts (global-setup.ts sets it).`,
    );
  return value;
}

export const password = 'Quorum e2e passphrase 2026';
export const adminEmail = 'admin@example.test';
export const adminAuthFile = () => path.join(requiredEnv('QUORUM_AUTH_DIR'), 'admin.json');

let counter = 0;
/** A fresh address per call, so flows never collide with each other's accounts. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@example.test`;
}

interface StoredMail {
  to: string[];
  raw: string;
}

/** Decodes the text of a MIME message (quoted-printable or base64 parts) well enough to find links. */
export function mailText(raw: string): string {
  const decodeQp = (text: string) =>
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) return part;
      const headers = part.slice(0, split).toLowerCase();
      const body = part.slice(split).trim();
      if (headers.includes('content-transfer-encoding: base64'))
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (headers.includes('content-transfer-encoding: quoted-printable')) return decodeQp(body);
      return body;
    })
    .join('\n');
}

/** Waits for a mail to `to` that contains a link to `pathPrefix` and returns that link. */
export async function linkFromMail(
  to: string,
  pathPrefix: string,
  timeoutMs = 15_000,
): Promise<string> {
  const dir = requiredEnv('QUORUM_MAIL_DIR');
  const pattern = new RegExp(
    `https?://[^\\s"'<>]+${pathPrefix.replace(/[?]/g, '\\?')}[A-Za-z0-9_=-]+`,
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of (await readdir(dir)).sort().reverse()) {
      const mail = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as StoredMail;
      if (!mail.to.includes(to.toLowerCase())) continue;
      const link = mailText(mail.raw).match(pattern)?.[0];
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No mail to ${to} with a link to ${pathPrefix} arrived`);
}

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(blocking, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * A live region says `text`, the outcome of an action: the app's announcer
 * (ui/announcer.tsx) or a success alert (role=status, filled after it exists).
 */
export async function expectAnnounced(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: text })).toHaveCount(1);
}

/** After a navigation, focus is on the new page's h1 (and so a screen reader reads it). */
export async function expectLandedOn(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
}

/** Fills the sign-up form and submits it; the caller checks where it lands. */
export async function signUp(
  page: Page,
  account: { name: string; email: string; password?: string },
): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(account.name);
  await page.getByLabel('Email address').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password ?? password);
  await acceptRequiredAgreements(page);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** The two required boxes of sign-up (age and terms); the optional purposes stay unticked. */
export async function acceptRequiredAgreements(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: /I am at least \d+ years old/ }).check();
  await page.getByRole('checkbox', { name: /I accept the terms of use/ }).check();
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
}

/** A page signed in as the first admin (its session was saved by admin.setup.ts). */
export async function asAdmin(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ storageState: adminAuthFile(), baseURL });
  return context.newPage();
}

/** Creates a community through the form and lands on its page. */
export async function createCommunity(
  page: Page,
  community: {
    name: string;
    slug: string;
    description: string;
    visibility: 'Public' | 'Private' | 'Invite only';
  },
) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create community' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a community' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(community.name);
  // The slug follows the name (domain's suggestSlug) until edited.
  await expect(page.getByLabel('Web address')).toHaveValue(community.slug);
  await page.getByLabel('Description').fill(community.description);
  await page.getByRole('radio', { name: community.visibility }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create community' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${community.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: community.name })).toBeVisible();
}

/** Unfolds the field editor's "Advanced" part (key, option values) unless it is open. */
export async function openAdvanced(form: Locator): Promise<void> {
  const advanced = form.locator('details', { hasText: 'Advanced: names for exports' });
  if (!(await advanced.evaluate((details) => (details as HTMLDetailsElement).open)))
    await advanced.locator('summary').click();
}

/**
 * Adds a profile field with the owner's "New field" form (labels in de + en). Key and
 * option values sit under "Advanced"; given, they are typed there, else derived.
 */
export async function defineField(
  form: Locator,
  field: {
    key?: string;
    type: string;
    label: [de: string, en: string];
    options?: [value: string, de: string, en: string][];
    required?: boolean;
  },
) {
  await form.getByLabel('Type').selectOption({ label: field.type });
  await form.getByLabel('Question (Deutsch)').fill(field.label[0]);
  await form.getByLabel('Question (English)').fill(field.label[1]);
  for (const [index, [, de, en]] of (field.options ?? []).entries()) {
    await form.getByLabel(`Option ${index + 1}: label (Deutsch)`).fill(de);
    await form.getByLabel(`Option ${index + 1}: label (English)`).fill(en);
  }
  if (field.key) {
    await openAdvanced(form);
    await form.getByLabel('Key').fill(field.key);
    for (const [index, [value]] of (field.options ?? []).entries())
      await form.getByLabel(`Option ${index + 1}: export value`).fill(value);
  }
  if (field.required) await form.getByLabel('Required when joining').check();
  await form.getByRole('button', { name: 'Add field' }).click();
  await expect(form.page().getByText(`“${field.label[1]}” has been saved.`)).toBeVisible();
  // Focus stays on the button (busy is aria-disabled, not disabled) and the outcome is said.
  await expect(form.getByRole('button', { name: 'Add field' })).toBeFocused();
  await expectAnnounced(form.page(), `“${field.label[1]}” has been saved.`);
}

/** A new member of a community, signed up and joined, in a context of their own. */
export async function joinedMember(
  browser: Browser,
  baseURL: string | undefined,
  slug: string,
  name: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  // Markup typed into a post must never run: any dialog fails the test.
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await page.goto('/sign-up');
  await signUp(page, { name, email: uniqueEmail(name.split(' ')[0]!.toLowerCase()) });
  await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  await page.goto(`/c/${slug}`);
  await page.getByRole('button', { name: 'Join community' }).click();
  await expect(page.getByText('You are a member.', { exact: true })).toBeVisible();
  return page;
}

/** Calls a mutation as the web's client does (plain JSON in, superjson out), with the page's session. */
export async function mutate<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/trpc/${procedure}`, {
    data: input,
    headers: { 'x-quorum-csrf': '1' },
  });
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export const test = base.extend({
  // The server's port is known only after global setup ran, so the base URL comes from it.
  baseURL: async ({}, use) => {
    await use(requiredEnv('QUORUM_URL'));
  },
});

export { expect };

import type { Page } from '@playwright/test';
import {
  acceptRequiredAgreements,
  adminEmail,
  asAdmin,
  createCommunity,
  defineField,
  expect,
  expectAccessible,
  linkFromMail,
  signIn,
  signUp,
  test,
  uniqueEmail,
} from './support';

// The flows share one server and build on each other (the member of the first one leaves later).
test.describe.configure({ mode: 'serial' });

/** The community page's members summary: its newest members. */
const members = (page: Page) => page.getByRole('list', { name: 'Newest members' });
const memberEmail = uniqueEmail('bea');

test('the admin creates a community; a new member signs up, verifies the address and joins', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await createCommunity(admin, {
    name: 'Kundenforum Süd',
    slug: 'kundenforum-sued',
    description: 'Ideas and feedback from our customers in the south.',
    visibility: 'Public',
  });
  await expect(members(admin).getByText('Ada Admin')).toBeVisible();
  await expectAccessible(admin);

  // A visitor finds the community in the directory and signs up from its page.
  await page.goto('/');
  await page.getByRole('link', { name: 'Kundenforum Süd' }).click();
  await expect(
    page.getByText('Sign in or create an account to join this community.'),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expectAccessible(page);
  await signUp(page, { name: 'Bea Member', email: memberEmail });
  await expect(page).toHaveURL(/\/c\/kundenforum-sued$/);
  const banner = page.getByRole('region', { name: 'Email confirmation' });
  await expect(banner).toContainText(memberEmail);

  // The verification link arrives at the SMTP peer.
  const link = await linkFromMail(memberEmail, '/verify-email?token=');
  await page.goto(link);
  await expect(page.getByText('Thank you — your email address is confirmed.')).toBeVisible();
  await expect(banner).toBeHidden();
  await expectAccessible(page);

  await page.goto('/c/kundenforum-sued');
  await page.getByRole('button', { name: 'Join community' }).click();
  await expect(page.getByText('You are a member.')).toBeVisible();
  await expect(members(page).getByText('Bea Member')).toBeVisible();
  await expect(members(page).getByText('Ada Admin')).toBeVisible();
  await expectAccessible(page);

  await admin.reload();
  await expect(members(admin).getByText('Bea Member')).toBeVisible();
  await expect(members(admin).getByText('Ada Admin')).toBeVisible();
  await expect(admin.getByText('2 members').first()).toBeVisible();
  await expect(admin.getByRole('list', { name: 'Team' })).toContainText('Ada Admin');
  await admin.context().close();
});

test('the full members list has its own page: searchable by name, with its total, by keyboard', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/c/kundenforum-sued');
  await admin.getByRole('link', { name: 'All members' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  const all = admin.getByRole('list', { name: 'Members' });
  await expect(all.getByText('Bea Member')).toBeVisible();
  await expect(admin.getByRole('status').filter({ hasText: 'Showing 2 of 2' })).toBeVisible();
  await admin.getByLabel('Search by name').focus();
  await admin.keyboard.type('bea');
  await expect(all.getByText('Ada Admin')).toBeHidden();
  await expect(all.getByText('Bea Member')).toBeVisible();
  await expect(admin.getByRole('status').filter({ hasText: 'Showing 1 of 1' })).toBeVisible();
  // Tab reaches the filter next; the team has no "bea".
  await admin.keyboard.press('Tab');
  await expect(admin.getByLabel('Show')).toBeFocused();
  await admin.getByLabel('Show').selectOption('staff');
  await expect(admin.getByText('Nothing matches your search.')).toBeVisible();
  await expectAccessible(admin);
  await admin.context().close();
});

test('an invite-only community is joined through an invitation link', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await createCommunity(admin, {
    name: 'Beta Lab',
    slug: 'beta-lab',
    description: 'Early access for selected customers.',
    visibility: 'Invite only',
  });
  // Invited people are asked what everyone joining is asked.
  await admin.getByRole('link', { name: 'Profile fields' }).click();
  await defineField(admin.getByRole('form', { name: 'New field' }), {
    key: 'product_line',
    type: 'Single choice',
    label: ['Produktlinie', 'Product line'],
    options: [
      ['cargo', 'Lastenrad', 'Cargo bike'],
      ['city', 'Stadtrad', 'City bike'],
    ],
    required: true,
  });
  await admin.goto('/c/beta-lab');
  await admin.getByRole('link', { name: 'Invitations' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  await expect(admin.getByText('No invitations yet')).toBeVisible();
  await expectAccessible(admin);
  await admin.getByLabel('Note for your team').fill('Beta customers, March');
  await admin.getByLabel('Maximum number of uses').fill('5');
  await admin.getByRole('button', { name: 'Create link' }).click();
  const linkField = admin.getByRole('textbox', { name: 'Invitation link' });
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  const invitationUrl = await linkField.inputValue();
  const invitations = admin.getByRole('list', { name: 'Invitation links' });
  await expect(invitations.getByText('Beta customers, March')).toBeVisible();
  await expect(invitations.getByText('Active')).toBeVisible();
  await expect(invitations.getByText('Used 0 of 5 times')).toBeVisible();
  await expectAccessible(admin);

  // Not listed for visitors.
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Beta Lab' })).toHaveCount(0);

  await page.goto(invitationUrl);
  await expect(
    page.getByRole('heading', { level: 1, name: 'You are invited to Beta Lab' }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Create account' }).click();
  const inviteeEmail = uniqueEmail('carla');
  await signUp(page, { name: 'Carla Invitee', email: inviteeEmail });
  // Back on the invitation after signing up.
  await expect(page).toHaveURL(/\/invite\//);
  await expect(page.getByText('You accept as Carla Invitee.')).toBeVisible();
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join Beta Lab' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(dialog.getByText('Please answer this question.')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Cargo bike' }).check();
  await dialog.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page).toHaveURL(/\/c\/beta-lab$/);
  await expect(members(page).getByText('Carla Invitee')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Your profile' }).click();
  await expect(page.getByRole('radio', { name: 'Cargo bike' })).toBeChecked();

  await admin.reload();
  await expect(invitations.getByText('Used 1 of 5 times')).toBeVisible();
  await admin.context().close();
});

test('a member leaves a community', async ({ page }) => {
  await signIn(page, memberEmail);
  await page.goto('/c/kundenforum-sued');
  await page.getByRole('button', { name: 'Leave community' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave Kundenforum Süd?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Leave community' }).click();
  await expect(page.getByRole('button', { name: 'Join community' })).toBeVisible();
  await expect(members(page)).toHaveCount(0);

  await page.goto('/');
  const card = page.getByRole('article').filter({ hasText: 'Kundenforum Süd' });
  await expect(card).toContainText('1 member');
  await expect(card).not.toContainText('Member');
});

test('a private community: a member asks to join, the admin approves; the owner edits the settings', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await createCommunity(admin, {
    name: 'Produktbeirat',
    slug: 'produktbeirat',
    description: 'A small circle of customers who test new ideas first.',
    visibility: 'Private',
  });

  await signIn(page, memberEmail);
  await page.goto('/c/produktbeirat');
  await expect(page.getByText('This community is private')).toBeVisible();
  await page.getByRole('button', { name: 'Request to join' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request to join Produktbeirat' });
  await dialog.getByLabel('A short note to the team').fill('I use your product every day.');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByText('Request pending')).toBeVisible();

  await admin.reload();
  const requests = admin.getByRole('list', { name: 'Join requests' });
  await expect(requests).toContainText('I use your product every day.');
  await expectAccessible(admin);
  await requests.getByRole('button', { name: 'Approve Bea Member' }).click();
  await expect(admin.getByText('No open requests.')).toBeVisible();
  await expect(members(admin).getByText('Bea Member')).toBeVisible();

  await page.reload();
  await expect(page.getByText('You are a member.')).toBeVisible();

  await admin.getByRole('link', { name: 'Settings' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Community settings' })).toBeVisible();
  await expect(admin.getByLabel('Web address')).toHaveValue('produktbeirat');
  await expectAccessible(admin);
  // The community's own description (the purposes below have descriptions too).
  await admin
    .getByRole('textbox', { name: /^Description/ })
    .fill('Customers who test new ideas first — by invitation or request.');
  await admin.getByRole('button', { name: 'Save changes' }).click();
  await expect(admin.getByText('Your changes have been saved.')).toBeVisible();
  await admin.getByRole('link', { name: 'Produktbeirat' }).click();
  await expect(
    admin.getByText('Customers who test new ideas first — by invitation or request.'),
  ).toBeVisible();
  await admin.context().close();
});

test('the header language switch shows German and remembers it', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Communitys' })).toBeVisible();
  await expect(page.getByText('Öffentlich').first()).toBeVisible();
  await expectAccessible(page);
});

test('a member who switches language while the page still asks who they are keeps it', async ({
  page,
}) => {
  await page.goto('/sign-up');
  await signUp(page, { name: 'Lena Langsam', email: uniqueEmail('lena') });
  await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  // A slow "who am I": a choice made before it answers must still be saved to the account,
  // or the saved English takes over again on the next load.
  await page.route('**/trpc/auth.me*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto('/');
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('heading', { level: 1, name: 'Communitys' })).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });
  await page.reload();
  // Once the account is known (its menu shows), its saved language is the one chosen.
  await expect(page.getByRole('button', { name: 'Kontomenü von Lena Langsam' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Communitys' })).toBeVisible();
  await expect(page.getByLabel('Sprache')).toHaveValue('de');
});

test('bad input shows translated inline errors, from the client and from the server', async ({
  page,
}) => {
  await page.goto('/sign-up');
  await page.getByLabel('Name', { exact: true }).fill('Dora');
  await page.getByLabel('Email address').fill('dora@');
  await page.getByLabel('Password', { exact: true }).fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  const email = page.getByLabel('Email address');
  const passwordField = page.getByLabel('Password', { exact: true });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/Please enter a valid email address/);
  await expect(passwordField).toHaveAccessibleDescription(/This password is too common/);
  await expect(email).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  await expect(page.getByLabel('E-Mail-Adresse')).toHaveAccessibleDescription(
    /Bitte gib eine gültige E-Mail-Adresse ein/,
  );
  await expect(page.getByLabel('Passwort', { exact: true })).toHaveAccessibleDescription(
    /zu verbreitet/,
  );
  await page.getByLabel('Sprache').selectOption('en');

  // The required agreements are asked for inline too.
  await expect(
    page.getByRole('checkbox', { name: /I am at least 16 years old/ }),
  ).toHaveAccessibleDescription('Please confirm your age to continue.');
  await expect(page.getByText('Please accept the terms of use to continue.')).toBeVisible();

  // The server's answer (EMAIL_TAKEN) lands on the field it belongs to.
  await page.getByLabel('Email address').fill(adminEmail);
  await page.getByLabel('Password', { exact: true }).fill('a much better passphrase');
  await acceptRequiredAgreements(page);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(email).toHaveAccessibleDescription(
    'There is already an account with this email address.',
  );
  await expect(passwordField).not.toHaveAttribute('aria-invalid', 'true');
});

test('keyboard only: skip link, sign in, account menu, account settings', async ({ page }) => {
  const focused = (name: string) =>
    page
      .getByRole('link', { name })
      .or(page.getByRole('button', { name }))
      .or(page.getByLabel(name, { exact: true }));
  async function tabTo(name: string) {
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press('Tab');
      if (
        await focused(name)
          .first()
          .evaluate((element) => element === document.activeElement)
          .catch(() => false)
      )
        return;
    }
    throw new Error(`Tab never reached "${name}"`);
  }

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo('Email address');
  await page.keyboard.type(adminEmail);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('Quorum e2e passphrase 2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();

  await tabTo('Account menu of Ada Admin');
  await page.keyboard.press('Enter');
  await tabTo('Account settings');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
  await expectAccessible(page);

  // Escape closes the menu and returns focus to its button.
  await tabTo('Account menu of Ada Admin');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Account settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('link', { name: 'Account settings' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Account menu of Ada Admin' })).toBeFocused();
});

test('unknown pages show a friendly 404', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/c/no-such-community');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

import {
  asAdmin,
  expect,
  expectAccessible,
  expectAnnounced,
  signUp,
  test,
  uniqueEmail,
} from './support';

// What a company admin meets after the setup link (issue 9, first run).

test('after setup the admin sees what a real install still lacks, until it is done', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/');
  const checklist = admin.locator('.checklist');
  await expect(
    checklist.getByRole('heading', { name: 'Before your first customers' }),
  ).toBeVisible();
  const step = (title: string) => checklist.getByRole('listitem').filter({ hasText: title });
  await expect(step('Link your Impressum')).toContainText('To do');
  await expect(step('Name your privacy contact')).toContainText('To do');
  // The e2e server has SMTP settings.
  await expect(step('Set up mail')).toContainText('Done');
  await expect(step('Review the terms and privacy notice')).toContainText('To do');
  await expect(checklist).toContainText('3 steps are left');
  await expectAccessible(admin);

  await step('Review the terms and privacy notice')
    .getByRole('button', { name: 'I have reviewed them' })
    .click();
  await expect(step('Review the terms and privacy notice')).toContainText('Done');
  await expect(checklist).toContainText('2 steps are left');
  // The button went away with its step: focus lands on the checklist's next link, not <body>.
  await expect(
    checklist.getByRole('link', { name: 'Add it in the settings' }).first(),
  ).toBeFocused();
  await admin.reload();
  await expect(step('Review the terms and privacy notice')).toContainText('Done');
  await admin.context().close();
});

test('an invitation at 375 px: the link appears in view and focused; roles are explained and confirmed', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.setViewportSize({ width: 375, height: 740 });
  await admin.goto('/communities/new');
  await admin.getByLabel('Name', { exact: true }).fill('Erstlauf Labor');
  await admin.getByLabel('Description').fill('A place for the first customers.');
  await admin.getByRole('radio', { name: 'Invite only' }).check();
  await admin.getByRole('button', { name: 'Create community' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Erstlauf Labor' })).toBeVisible();
  // Invite-only: nobody can ask to join, so there is no card for requests.
  await expect(admin.getByRole('heading', { name: 'Join requests' })).toHaveCount(0);

  await admin.getByRole('link', { name: 'Invitations' }).click();
  const role = admin.getByLabel('Joins as');
  await expect(role).toHaveAccessibleDescription(/Takes part, and sees who else is a member/);
  await role.selectOption('researcher');
  await expect(role).toHaveAccessibleDescription(/reads members’ email addresses/);
  await admin.getByRole('button', { name: 'Create link' }).click();
  const confirm = admin.getByRole('dialog', {
    name: 'Invite people with access to personal data?',
  });
  await expect(confirm).toContainText('becomes Researcher');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(admin.getByRole('textbox', { name: 'Invitation link' })).toHaveCount(0);

  await role.selectOption('member');
  await admin.getByLabel('Maximum number of uses').fill('1');
  await admin.getByRole('button', { name: 'Create link' }).click();
  const link = admin.getByRole('textbox', { name: 'Invitation link' });
  await expect(link).toBeFocused();
  await expect(link).toBeInViewport();
  await expectAnnounced(admin, /Your invitation link is ready/);
  await expectAccessible(admin);
  const invitationUrl = await link.inputValue();

  // Dana uses the link; afterwards it is used up.
  const dana = await (await browser.newContext({ baseURL })).newPage();
  await dana.goto(invitationUrl);
  await dana.getByRole('link', { name: 'Create account' }).click();
  await signUp(dana, { name: 'Dana Early', email: uniqueEmail('dana') });
  await expect(dana.getByText('You accept as Dana Early.')).toBeVisible();
  await dana.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(dana.getByRole('heading', { name: 'Welcome to Erstlauf Labor!' })).toBeFocused();
  await expectAccessible(dana);
  await dana.context().close();

  // A used link still offers the way in to whoever used it: sign in.
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  await visitor.goto(invitationUrl);
  await expect(
    visitor.getByText('This invitation has already been used as often as allowed.'),
  ).toBeVisible();
  await expect(visitor.getByText('Already a member through this link?')).toBeVisible();
  await expect(visitor.getByRole('link', { name: 'Sign in' }).last()).toHaveAttribute(
    'href',
    /\/sign-in\?next=%2Finvite%2F/,
  );
  await visitor.context().close();

  // Making Dana a researcher gives her members' personal data: explained, then confirmed.
  await admin.goto('/c/erstlauf-labor/members');
  await admin.getByText('What each role may see and do').click();
  await expect(admin.locator('.facts')).toContainText('Researcher');
  await admin.getByLabel('Role of Dana Early').selectOption('researcher');
  await admin.getByRole('button', { name: 'Apply' }).click();
  const grant = admin.getByRole('dialog', { name: 'Give Dana Early access to personal data?' });
  await expect(grant).toContainText('reads members’ email addresses and profile answers');
  await expectAccessible(admin);
  await grant.getByRole('button', { name: 'Yes, grant this role' }).click();
  await expectAnnounced(admin, 'Dana Early is now Researcher.');
  await expect(admin.getByLabel('Role of Dana Early')).toHaveValue('researcher');
  await admin.context().close();
});

test('a German community’s profile field needs German texts only; key and values are derived', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/communities/new');
  await admin.getByLabel('Name', { exact: true }).fill('Radkunden Süd');
  await admin.getByLabel('Description').fill('Nur auf Deutsch.');
  await admin.getByLabel('Default language').selectOption('de');
  await admin.getByRole('button', { name: 'Create community' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Radkunden Süd' })).toBeVisible();
  await admin.getByRole('link', { name: 'Profile fields' }).click();
  const form = admin.getByRole('form', { name: 'New field' });
  // The community's language comes first; English is optional.
  await expect(form.getByLabel('Question (English)')).toHaveAccessibleName(/optional/);
  await form.getByLabel('Question (Deutsch)').fill('Welches Rad fährst du?');
  await form.getByLabel('Option 1: label (Deutsch)').fill('Lastenrad');
  await form.getByLabel('Option 2: label (Deutsch)').fill('Stadtrad');
  await form.getByRole('button', { name: 'Add field' }).click();
  await expect(admin.getByText('“Welches Rad fährst du?” has been saved.')).toBeVisible();
  const fields = admin.getByRole('list', { name: 'Fields' });
  await expect(fields).toContainText('welches_rad_faehrst_du');
  await expectAccessible(admin);
  await admin.context().close();
});

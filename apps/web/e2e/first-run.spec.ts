import { asAdmin, expect, expectAccessible, test } from './support';

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

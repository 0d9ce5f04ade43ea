import { adminAuthFile, adminEmail, expect, expectAccessible, password, test } from './support';

test('the first admin creates their account through the one-time setup link', async ({ page }) => {
  await page.goto(process.env.QUORUM_SETUP_URL!);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Quorum' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Name', { exact: true }).fill('Ada Admin');
  await page.getByLabel('Email address').fill(adminEmail);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create administrator account' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account menu of Ada Admin' })).toBeVisible();
  await expectAccessible(page);
  await page.context().storageState({ path: adminAuthFile() });
});

import { asAdmin, expect, expectAccessible, expectLandedOn, test } from './support';

// The shared patterns every page inherits (issue 9, items 9, 11 and 12).

test('after every navigation focus is on the new page’s h1', async ({ browser, baseURL }) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/');
  await expect(admin.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();
  // The first page load leaves focus alone (the skip link comes first).
  await expect(admin.locator('body')).toBeFocused();

  await admin.getByRole('button', { name: 'Account menu of Ada Admin' }).click();
  await admin.getByRole('link', { name: 'Administration' }).click();
  await expectLandedOn(admin, 'Records of processing');
  // Tab strip links navigate too; the next Tab starts at the page's content.
  await admin.getByRole('link', { name: 'Audit log' }).click();
  await expectLandedOn(admin, 'Audit log');
  await admin.goBack();
  await expectLandedOn(admin, 'Records of processing');
  await admin.getByRole('link', { name: 'Quorum' }).click();
  await expectLandedOn(admin, 'Communities');
  await admin.context().close();
});

test('a focused button is visibly outlined in forced colours', async ({ browser, baseURL }) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.emulateMedia({ forcedColors: 'active' });
  await admin.goto('/privacy-center');
  const button = admin.getByRole('button', { name: 'Request my data' });
  await expect(button).toBeVisible();
  // Keyboard focus (focus-visible), as a keyboard user would reach it.
  await button.focus();
  await admin.keyboard.press('Shift+Tab');
  await admin.keyboard.press('Tab');
  await expect(button).toBeFocused();
  const outline = await button.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
  await admin.context().close();
});

test('focus never hides under the sticky header, and every admin tab shows at 320 px', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  // 640 × 400 CSS pixels is a 1280 × 800 window at 200 % zoom.
  await admin.setViewportSize({ width: 640, height: 400 });
  await admin.goto('/communities/new');
  const name = admin.getByLabel('Name', { exact: true });
  await expect(name).toBeVisible();
  await admin.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await name.focus();
  const header = await admin.locator('.header').boundingBox();
  const field = await name.boundingBox();
  expect(field!.y).toBeGreaterThanOrEqual(header!.y + header!.height);

  await admin.setViewportSize({ width: 320, height: 640 });
  await admin.goto('/admin');
  const tabs = admin.getByRole('navigation', { name: 'Administration' }).getByRole('link');
  await expect(tabs).toHaveCount(5);
  for (const tab of await tabs.all()) {
    const box = await tab.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  }
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(admin);
  await admin.context().close();
});

test('names are said once: no empty navigation landmark, the account menu closes on Tab out', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/');
  await expect(admin.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();
  // The header holds language and account controls, not a navigation of links.
  await expect(admin.locator('header').getByRole('navigation')).toHaveCount(0);

  const menuButton = admin.getByRole('button', { name: 'Account menu of Ada Admin' });
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  // Tab through the menu's entries and out of it: it closes behind the member.
  for (let step = 0; step < 8; step += 1) {
    await admin.keyboard.press('Tab');
    const inside = await admin.evaluate(() => document.activeElement?.closest('.menu') !== null);
    if (!inside) break;
  }
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await admin.context().close();
});

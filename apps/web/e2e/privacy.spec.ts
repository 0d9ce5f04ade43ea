import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import {
  asAdmin,
  createCommunity,
  defineField,
  expect,
  expectAccessible,
  expectAnnounced,
  expectLandedOn,
  openAdvanced,
  password,
  signIn,
  signUp,
  test,
  uniqueEmail,
} from './support';

// One member's story, step by step: each test builds on the one before.
test.describe.configure({ mode: 'serial' });

const memberEmail = uniqueEmail('mia');
const memberName = 'Mia Member';

const consents = (page: Page) => page.getByRole('list', { name: 'Your consents' });
const purpose = (page: Page, title: string) =>
  consents(page).getByRole('listitem').filter({ hasText: title });

test('sign-up shows each optional purpose unticked; declining them all gives a working account', async ({
  page,
}) => {
  await page.goto('/sign-up');
  const optional = page.getByRole('group', { name: 'Optional — your choice' });
  const boxes = optional.getByRole('checkbox');
  await expect(boxes).toHaveCount(3);
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();
  await expect(
    optional.getByRole('checkbox', { name: /Taking part in research surveys/ }),
  ).toHaveAccessibleDescription(/We invite you to surveys/);
  // The full texts are there to read, folded.
  await optional
    .getByText(/Read the full consent text \(version 1\)/)
    .first()
    .click();
  await page.getByText('Read the terms of use (version 1)').click();
  await expect(page.getByRole('link', { name: /Read the privacy notice/ })).toHaveAttribute(
    'href',
    '/privacy',
  );
  await expectAccessible(page);

  await signUp(page, { name: memberName, email: memberEmail });
  await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Account menu of ${memberName}` })).toBeVisible();

  await page.getByRole('button', { name: `Account menu of ${memberName}` }).click();
  await page.getByRole('link', { name: 'Privacy center' }).click();
  await expectLandedOn(page, 'Privacy center');
  for (const title of [
    'Taking part in research surveys',
    'Email notifications',
    'Targeting by profile',
  ])
    await expect(purpose(page, title)).toContainText('Not given');
  await expect(purpose(page, 'Taking part in the community')).toContainText(
    'Needed for the service',
  );
  await expect(purpose(page, 'Taking part in the community')).toContainText('(version 1)');
  await expectAccessible(page);
});

test('an owner defines profile fields; the member answers the required one on joining and fills the rest', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await createCommunity(admin, {
    name: 'Kundenbeirat Nord',
    slug: 'kundenbeirat-nord',
    description: 'Customers in the north who shape our next products.',
    visibility: 'Public',
  });
  await admin.getByRole('link', { name: 'Profile fields' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Profile fields' })).toBeVisible();
  await expect(admin.getByText('No profile fields yet')).toBeVisible();
  await expectAccessible(admin);

  const form = admin.getByRole('form', { name: 'New field' });
  // The domain's rules answer inline first, also under "Advanced".
  await form.getByLabel('Type').selectOption({ label: 'Text' });
  await form.getByLabel('Question (English)').fill('Region');
  await openAdvanced(form);
  await form.getByLabel('Key').fill('Region!');
  await form.getByRole('button', { name: 'Add field' }).click();
  await expect(form.getByLabel('Key')).toHaveAccessibleDescription(
    /Use 2–48 lower-case letters, digits and underscores/,
  );
  await expect(form.getByLabel('Key')).toBeFocused();
  await defineField(form, {
    key: 'region',
    type: 'Single choice',
    label: ['Region', 'Region'],
    options: [
      ['north', 'Nord', 'North'],
      ['south', 'Süd', 'South'],
    ],
    required: true,
  });
  await defineField(form, {
    key: 'products',
    type: 'Multiple choice',
    label: ['Produkte', 'Products you use'],
    options: [
      ['app', 'App', 'App'],
      ['web', 'Web', 'Web'],
    ],
  });
  await defineField(form, {
    key: 'household_size',
    type: 'Number',
    label: ['Haushaltsgröße', 'Household size'],
  });
  await defineField(form, {
    key: 'customer_since',
    type: 'Date',
    label: ['Kunde seit', 'Customer since'],
  });
  const fields = admin.getByRole('list', { name: 'Fields' });
  await expect(fields.getByRole('listitem')).toHaveCount(4);
  await expect(fields.getByRole('listitem').filter({ hasText: 'Region' })).toContainText(
    'Required',
  );
  await expectAccessible(admin);

  // The member joins: the required field is asked for first.
  await signIn(page, memberEmail);
  await page.goto('/c/kundenbeirat-nord');
  await page.getByRole('button', { name: 'Join community' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join Kundenbeirat Nord' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Join community' }).click();
  await expect(dialog.getByText('Please answer this question.')).toBeVisible();
  // The dialog's error lands focus on the unanswered question, as forms do.
  await expect(dialog.getByRole('radio', { name: 'North' })).toBeFocused();
  await dialog.getByRole('radio', { name: 'South' }).check();
  await dialog.getByRole('button', { name: 'Join community' }).click();
  await expect(page.getByText('You are a member.')).toBeVisible();
  // A welcome, focused, pointing to the optional questions.
  const welcome = page.getByRole('heading', { name: 'Welcome to Kundenbeirat Nord!' });
  await expect(welcome).toBeFocused();
  await expect(page.getByText('3 more optional questions on your profile')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Answer the profile questions' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Your profile' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Your community profile' }),
  ).toBeVisible();
  await expect(page.getByRole('radio', { name: 'South' })).toBeChecked();
  await expect(page.getByText(/only if you have given the consent/)).toBeVisible();
  await page.getByLabel('Household size').fill('many');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByLabel('Household size')).toHaveAccessibleDescription(
    'Please enter a number, like 42 or 3.5.',
  );
  await expect(page.getByLabel('Household size')).toBeFocused();
  await expectAccessible(page);
  await page.getByLabel('Household size').fill('3');
  await page.getByLabel('Customer since').fill('2019-05-01');
  await page.getByRole('checkbox', { name: 'App' }).check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your profile has been saved.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save profile' })).toBeFocused();
  await expectAnnounced(page, 'Your profile has been saved.');
  await page.reload();
  await expect(page.getByLabel('Household size')).toHaveValue('3');
  await expect(page.getByLabel('Customer since')).toHaveValue('2019-05-01');
  await expect(page.getByRole('checkbox', { name: 'App' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Web' })).not.toBeChecked();

  // Staff see the details only with a reason, and the member sees that they did.
  await admin.goto('/c/kundenbeirat-nord');
  await admin.getByRole('link', { name: 'All members' }).click();
  await admin.getByRole('button', { name: `Details of ${memberName}` }).click();
  const details = admin.getByRole('dialog', { name: `Details of ${memberName}` });
  await details.getByRole('button', { name: 'Show details' }).click();
  await expect(details.getByLabel('Reason')).toHaveAccessibleDescription(
    /Please give a reason \(at least 5 characters\)/,
  );
  // The dialog's error lands focus on its field, as forms do.
  await expect(details.getByLabel('Reason')).toBeFocused();
  await details.getByLabel('Reason').fill('Support request by email of 3 May');
  await details.getByRole('button', { name: 'Show details' }).click();
  await expect(details).toContainText(memberEmail);
  // Focus moves to the details just shown, so they are read out.
  await expect(details.locator('.dialog__focus-target')).toBeFocused();
  await expect(details).toContainText('South');
  await expect(details).toContainText('App');
  await expectAccessible(admin);
  await details.getByRole('button', { name: 'Close' }).click();
  await admin.context().close();

  await page.goto('/privacy-center');
  const accesses = page.getByRole('list', { name: 'Staff access to your data' });
  await expect(accesses).toContainText('Viewed personal details');
  await expect(accesses).toContainText('Ada Admin');
  await expect(accesses).toContainText('Reason: Support request by email of 3 May');
});

test('the member gives research consent in the privacy center and withdraws it, one click each', async ({
  page,
}) => {
  await signIn(page, memberEmail);
  await page.goto('/privacy-center');
  const research = purpose(page, 'Taking part in research surveys');
  await research.getByRole('button', { name: 'Give consent' }).click();
  await expect(research).toContainText('Given');
  await expect(research).toContainText(/Given on .* \(version 1\)\./);
  await expect(research.getByRole('button', { name: 'Give consent' })).toHaveCount(0);
  // The clicked button is gone: focus lands on its successor, and the outcome is said.
  await expect(research.getByRole('button', { name: 'Withdraw' })).toBeFocused();
  await expectAnnounced(page, 'Consent given: Taking part in research surveys');
  await expect(research.getByRole('button', { name: 'Withdraw' })).toHaveAccessibleName(
    'Withdraw: Taking part in research surveys',
  );
  await expectAccessible(page);

  await research.getByRole('button', { name: 'Withdraw' }).click();
  await expect(research).toContainText('Withdrawn');
  await expect(research.getByRole('button', { name: 'Give consent' })).toBeFocused();
  await expectAnnounced(page, 'Consent withdrawn: Taking part in research surveys');
  await expect(research).toContainText(/Withdrawn on .* \(version 1\)\./);
  // Effective at once, and still so after a reload.
  await page.reload();
  await expect(purpose(page, 'Taking part in research surveys')).toContainText('Withdrawn');
});

test('the owner adds a purpose of the community; the member gives it in the privacy center', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/c/kundenbeirat-nord/settings');
  await expect(admin.getByText('No purposes of your own yet')).toBeVisible();
  const form = admin.getByRole('form', { name: 'Add purpose' });
  await form.getByLabel('Purpose id').fill('Beta Tests');
  await form.getByRole('button', { name: 'Add purpose' }).click();
  await expect(form.getByLabel('Purpose id')).toBeFocused();
  await expect(form.getByLabel('Purpose id')).toHaveAccessibleDescription(
    /Use 3–48 lower-case letters/,
  );
  await form.getByLabel('Purpose id').fill('beta_tests');
  await form.getByLabel('Title (Deutsch)').fill('Beta-Tests');
  await form
    .getByLabel('Plain-language description (Deutsch)')
    .fill('Wir laden dich ein, neue Funktionen vorab zu testen.');
  await form
    .getByLabel('Consent text (Deutsch)')
    .fill('# Beta-Tests\n\nWir schicken dir Einladungen zu Beta-Tests.');
  await form.getByLabel('Title (English)').fill('Beta tests');
  await form
    .getByLabel('Plain-language description (English)')
    .fill('We invite you to try new features before everyone else.');
  await form
    .getByLabel('Consent text (English)')
    .fill('# Beta tests\n\nWe send you invitations to beta tests.');
  await form.getByRole('checkbox', { name: 'Contact details' }).check();
  await form.getByLabel('Retention in days').fill('180');
  await form.getByLabel('Recipients (Deutsch)').fill('Unser Produktteam');
  await form.getByLabel('Recipients (English)').fill('Our product team');
  await expectAccessible(admin);
  await form.getByRole('button', { name: 'Add purpose' }).click();
  await expect(admin.getByText('“Beta tests” has been added.')).toBeVisible();
  const listed = admin.getByRole('list', { name: 'Purposes of this community' });
  await expect(listed.getByRole('listitem')).toHaveCount(1);
  await expect(listed).toContainText('beta_tests');
  await expect(listed).toContainText('180 days');
  await expectAccessible(admin);
  await admin.context().close();

  await signIn(page, memberEmail);
  await page.goto('/privacy-center');
  const beta = purpose(page, 'Beta tests');
  await expect(beta).toContainText('Not given');
  await beta.getByRole('button', { name: 'Give consent' }).click();
  await expect(beta).toContainText(/Given on .* \(version 1\)\./);
  await expectAccessible(page);
  await page.reload();
  await expect(purpose(page, 'Beta tests')).toContainText('Given');
});

test('the member downloads their data: a ZIP with their email and their consent events', async ({
  page,
}) => {
  await signIn(page, memberEmail);
  await page.goto('/privacy-center');
  await page.getByRole('button', { name: 'Request my data' }).click();
  await expect(page.getByRole('button', { name: 'Request my data' })).toBeFocused();
  await expectAnnounced(page, /Your data is being put together/);
  const exports = page.getByRole('list', { name: 'Your data exports' });
  await expect(exports.getByRole('listitem')).toHaveCount(1);
  const download = exports.getByRole('link', { name: 'Download' });
  await expect(download).toBeVisible({ timeout: 30_000 });
  await expect(download).toHaveAttribute('href', /^\/exports\/[0-9a-f-]{36}$/);
  await expectAccessible(page);

  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const zip = unzipSync(new Uint8Array(await readFile(await file.path())));
  const names = Object.keys(zip);
  expect(names.some((name) => name.endsWith('.json'))).toBe(true);
  expect(names.some((name) => name.endsWith('.csv'))).toBe(true);
  const json = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => strFromU8(zip[name]!))
    .join('\n');
  expect(json).toContain(memberEmail);
  const everything = names.map((name) => strFromU8(zip[name]!)).join('\n');
  // The ledger: the terms at sign-up, then research granted and withdrawn.
  expect(everything).toMatch(/research_surveys/);
  expect(everything).toMatch(/withdraw/);
  expect(everything).toMatch(/community_participation/);
  expect(everything).toContain('South'.toLowerCase());
});

test('after the admin publishes a new email consent text, the member is asked again on the next visit', async ({
  browser,
  page,
  baseURL,
}) => {
  await signIn(page, memberEmail);
  await page.goto('/privacy-center');
  const email = purpose(page, 'Email notifications');
  await email.getByRole('button', { name: 'Give consent' }).click();
  await expect(email).toContainText(/Given on .* \(version 1\)\./);

  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/');
  await admin.getByRole('button', { name: 'Account menu of Ada Admin' }).click();
  await admin.getByRole('link', { name: 'Administration' }).click();
  await admin.getByRole('link', { name: 'Texts' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Policy texts' })).toBeVisible();
  await admin.getByLabel('Text', { exact: true }).selectOption('consent:email_notifications');
  const english = admin.getByLabel('Text (English)');
  await expect(english).not.toHaveValue('');
  await english.fill(`${await english.inputValue()}\n\nWe now also email you a monthly digest.`);
  const german = admin.getByLabel('Text (Deutsch)');
  await german.fill(
    `${await german.inputValue()}\n\nWir schicken dir jetzt auch eine monatliche Übersicht.`,
  );
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Publish as version 2' }).click();
  const confirm = admin.getByRole('dialog', { name: /as version 2\?/ });
  await expect(confirm).toContainText('asked again on their next visit');
  await confirm.getByRole('button', { name: 'Publish as version 2' }).click();
  await expect(admin.getByText('Version 2 is published.')).toBeVisible();
  await expect(admin.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);
  await admin.context().close();

  // The next visit: asked for this purpose only; until then it counts as not given.
  await page.goto('/');
  const prompt = page.getByRole('dialog', { name: 'Updated: Email notifications' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('now version 2');
  await prompt.getByText('Read the full consent text (version 2)').click();
  await expect(prompt).toContainText('monthly digest');
  await expectAccessible(page);
  await prompt.getByRole('button', { name: 'Agree' }).click();
  await expect(prompt).toBeHidden();
  await page.goto('/privacy-center');
  await expect(purpose(page, 'Email notifications')).toContainText(/Given on .* \(version 2\)\./);
  await page.reload();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

/** The owner (the admin created the community) publishes its terms on the settings page. */
async function publishCommunityTerms(
  admin: Page,
  version: number,
  texts: { de: string; en: string },
) {
  await admin.goto('/c/kundenbeirat-nord/settings');
  const editor = admin.getByRole('form', { name: 'Edit: the terms of this community' });
  await editor.getByLabel('Text (Deutsch)').fill(texts.de);
  await editor.getByLabel('Text (English)').fill(texts.en);
  await expectAccessible(admin);
  await editor.getByRole('button', { name: `Publish as version ${version}` }).click();
  const confirm = admin.getByRole('dialog', { name: new RegExp(`as version ${version}\\?`) });
  await expect(confirm).toContainText(
    'Every member of the community is asked to accept this version',
  );
  await confirm.getByRole('button', { name: `Publish as version ${version}` }).click();
  await expect(admin.getByText(`Version ${version} is published.`)).toBeVisible();
}

test('the community publishes its terms and a required question: the member owes both and is asked; declining the terms explains leaving', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await publishCommunityTerms(admin, 1, {
    de: '# Regeln\n\nBleib freundlich und teile nichts Vertrauliches.',
    en: '# Rules\n\nStay friendly and share nothing confidential.',
  });
  // The owner takes part too: asked at once, and accepts.
  const ownerPrompt = admin.getByRole('dialog', {
    name: 'Kundenbeirat Nord: please accept the terms',
  });
  await ownerPrompt.getByRole('button', { name: 'Accept' }).click();
  await expect(ownerPrompt).toBeHidden();
  await admin.goto('/c/kundenbeirat-nord/attributes');
  await defineField(admin.getByRole('form', { name: 'New field' }), {
    key: 'contact_channel',
    type: 'Single choice',
    label: ['Bevorzugter Kontaktweg', 'Preferred contact channel'],
    options: [
      ['email', 'E-Mail', 'Email'],
      ['phone', 'Telefon', 'Phone'],
    ],
    required: true,
  });
  await admin.context().close();

  // The member's next visit: the terms first, one dialog at a time.
  await signIn(page, memberEmail);
  const prompt = page.getByRole('dialog', { name: 'Kundenbeirat Nord: please accept the terms' });
  await expect(prompt).toContainText('Before you take part in Kundenbeirat Nord');
  await prompt.getByText('Read the terms of use (version 1)').click();
  await expect(prompt).toContainText('share nothing confidential');
  await expectAccessible(page);
  // Declining terms is not a withdrawal: it explains the way out, and Escape goes back.
  await prompt.getByRole('button', { name: 'Decline' }).click();
  const declining = page.getByRole('dialog', {
    name: 'Not accepting the terms of Kundenbeirat Nord?',
  });
  await expect(declining).toContainText('you can leave the community');
  await expect(declining.getByRole('button', { name: 'Leave Kundenbeirat Nord' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await prompt.getByRole('button', { name: 'Accept' }).click();
  await expect(prompt).toBeHidden();

  // Then the required question nobody asked yet.
  const questions = page.getByRole('dialog', { name: 'Kundenbeirat Nord asks a few questions' });
  await expect(questions).toBeVisible();
  await expectAccessible(page);
  await questions.getByRole('button', { name: 'Save answers' }).click();
  await expect(questions.getByText('Please answer this question.')).toBeVisible();
  await questions.getByRole('radio', { name: 'Email' }).check();
  await questions.getByRole('button', { name: 'Save answers' }).click();
  await expect(questions).toBeHidden();
  await page.reload();
  await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.goto('/privacy-center');
  const terms = purpose(page, 'In Kundenbeirat Nord').filter({
    hasText: 'Taking part in the community',
  });
  await expect(terms).toContainText('Needed for the service');
  await expect(terms).toContainText('To end this, leave the community.');
});

test('changed community terms: "later" in the prompt, then accepted in the privacy center', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await publishCommunityTerms(admin, 2, {
    de: '# Regeln\n\nBleib freundlich, teile nichts Vertrauliches und sei pünktlich.',
    en: '# Rules\n\nStay friendly, share nothing confidential, and be on time.',
  });
  await admin
    .getByRole('dialog', { name: /Updated: Taking part in the community/ })
    .getByRole('button', { name: 'Accept' })
    .click();
  await admin.context().close();

  await signIn(page, memberEmail);
  await page.goto('/privacy-center');
  const prompt = page.getByRole('dialog', {
    name: 'Updated: Taking part in the community in Kundenbeirat Nord',
  });
  await expect(prompt).toContainText('now version 2');
  await prompt.getByRole('button', { name: 'Ask me later' }).click();
  await expect(prompt).toBeHidden();
  const terms = purpose(page, 'In Kundenbeirat Nord').filter({
    hasText: 'Taking part in the community',
  });
  await expect(terms).toContainText('Text changed');
  await expectAccessible(page);
  await terms.getByRole('button', { name: 'Accept the terms' }).click();
  await expect(terms).toContainText('Needed for the service');
  await page.reload();
  await expect(
    purpose(page, 'In Kundenbeirat Nord').filter({ hasText: 'Taking part in the community' }),
  ).toContainText(/version 2/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the admin area: records of processing, settings in the footer, texts with old versions, requests and the audit log', async ({
  browser,
  baseURL,
}) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/admin');
  await expect(
    admin.getByRole('heading', { level: 1, name: 'Records of processing' }),
  ).toBeVisible();
  const research = admin.locator('.card').filter({
    has: admin.getByRole('heading', { level: 2, name: 'Taking part in research surveys' }),
  });
  await expect(research).toContainText('Consent');
  await expect(research).toContainText('365 days');
  // A community's own purpose is on record too, with its community.
  const beta = admin.locator('.card').filter({
    has: admin.getByRole('heading', { level: 2, name: 'Beta tests' }),
  });
  await expect(beta).toContainText('Kundenbeirat Nord');
  await expect(beta).toContainText('180 days');
  await expectAccessible(admin);

  await admin.getByRole('link', { name: 'Settings' }).click();
  await admin.getByLabel('Imprint (link)').fill('https://example.com/imprint');
  await admin.getByLabel('Privacy contact').fill('not a link');
  await admin.getByRole('button', { name: 'Save changes' }).click();
  await expect(admin.getByLabel('Privacy contact')).toHaveAccessibleDescription(
    /Please enter a link starting with https:\/\/ or mailto:/,
  );
  await admin.getByLabel('Privacy contact').fill('mailto:privacy@example.test');
  await admin.getByRole('button', { name: 'Save changes' }).click();
  await expect(admin.getByText('Your changes have been saved.')).toBeVisible();
  await expectAccessible(admin);
  const footer = admin.getByRole('navigation', { name: 'Legal' });
  await expect(footer.getByRole('link', { name: 'Imprint' })).toHaveAttribute(
    'href',
    'https://example.com/imprint',
  );
  await expect(footer.getByRole('link', { name: 'Privacy contact' })).toHaveAttribute(
    'href',
    'mailto:privacy@example.test',
  );

  // A new privacy notice; the old one stays readable.
  await admin.getByRole('link', { name: 'Texts' }).click();
  await admin.getByLabel('Text', { exact: true }).selectOption('privacy_notice');
  const english = admin.getByLabel('Text (English)');
  await english.fill(`${await english.inputValue()}\n\n## Changes\n\nWe added a contact.`);
  await admin.getByRole('button', { name: 'Publish as version 2' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Publish as version 2' }).click();
  await expect(admin.getByText('Version 2 is published.')).toBeVisible();
  await footer.getByRole('link', { name: 'Privacy notice' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Privacy notice' })).toBeVisible();
  await expect(admin.getByRole('heading', { level: 3, name: 'Changes' })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByLabel('Version', { exact: true }).selectOption('1');
  await expect(admin.getByText('You are reading an older version.')).toBeVisible();
  await expect(admin.getByRole('heading', { level: 3, name: 'Changes' })).toHaveCount(0);
  await expect(admin).toHaveURL(/\/privacy\?version=1$/);
  await footer.getByRole('link', { name: 'Terms of use' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Terms of use' })).toBeVisible();
  await expectAccessible(admin);

  // A data-subject request by letter: find the account (audited), request an export.
  await admin.goto('/admin/requests');
  await admin.getByLabel('Email address').fill(memberEmail);
  await admin.getByLabel('Reason', { exact: true }).fill('Request by letter of 3 May');
  await admin.getByRole('button', { name: 'Find account' }).click();
  await expect(admin.getByRole('heading', { name: memberName })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Request export' }).click();
  const exportDialog = admin.getByRole('dialog', { name: `Export the data of ${memberName}` });
  await expect(exportDialog.getByLabel('Reason')).toHaveValue('Request by letter of 3 May');
  await exportDialog.getByRole('button', { name: 'Request export' }).click();
  await expect(exportDialog.getByText('The export is being prepared.')).toBeVisible();
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  await admin.getByRole('link', { name: 'Audit log' }).click();
  const log = admin.getByRole('list', { name: 'Audit log' });
  await expect(log).toContainText('Viewed personal details');
  await expect(log).toContainText('Requested a data export');
  await expect(log).toContainText('Request by letter of 3 May');
  await expect(log).toContainText(`concerning ${memberName}`);
  await expectAccessible(admin);
  await admin.context().close();
});

test('the member deletes their account; signing in fails afterwards', async ({ page }) => {
  await signIn(page, memberEmail);
  await page.goto('/privacy-center');
  await expect(page.getByRole('list', { name: 'Staff access to your data' })).toContainText(
    'Requested a data export',
  );
  await page.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await dialog.getByLabel('Password').fill('wrong passphrase entirely');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByText('Please tick the box to confirm.')).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /cannot be undone/ })).toBeFocused();
  await dialog.getByRole('checkbox', { name: /cannot be undone/ }).check();
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(
    'The password is not correct.',
  );
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await expectAccessible(page);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();

  await expectLandedOn(page, 'Your account has been deleted');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(memberEmail);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The email address or password is not correct.')).toBeVisible();
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { asAdmin, expect, expectAccessible, password, test, uniqueEmail } from './support';

/**
 * Surveys in German: staff upload a definition with a skip rule and a piped text; two
 * members answer along different branches, one pauses and resumes after a reload; a member
 * without the research consent is asked for it first; "Umfragen für mich" lists what is open.
 */
test.describe.configure({ mode: 'serial' });

const outDir = fileURLToPath(new URL('../../../screenshots', import.meta.url));

const definition = {
  schemaVersion: 1,
  title: { de: 'Fahrrad-Umfrage', en: 'Bike survey' },
  pages: [
    {
      id: 'start',
      title: { de: 'Dein Rad', en: 'Your bike' },
      questions: [
        { id: 'rides', type: 'yes_no', required: true, text: { de: 'Fährst du Fahrrad?', en: 'Do you ride a bike?' } },
        { id: 'bike_name', type: 'short_text', text: { de: 'Wie heißt dein Rad?', en: 'What is your bike called?' } },
        // Randomized: each respondent sees their own order, and always the same one.
        {
          id: 'colour',
          type: 'single_choice',
          randomize: true,
          text: { de: 'Welche Farbe hat dein Rad?', en: 'What colour is your bike?' },
          options: [
            { value: 'red', label: { de: 'Rot', en: 'Red' } },
            { value: 'blue', label: { de: 'Blau', en: 'Blue' } },
            { value: 'green', label: { de: 'Grün', en: 'Green' } },
            { value: 'yellow', label: { de: 'Gelb', en: 'Yellow' } },
            { value: 'black', label: { de: 'Schwarz', en: 'Black' } },
            { value: 'white', label: { de: 'Weiß', en: 'White' } },
          ],
        },
      ],
      // No bike: straight to the last page.
      skip: [{ if: { question: 'rides', op: 'equals', value: false }, to: { page: 'last' } }],
    },
    {
      id: 'bike',
      title: { de: 'Empfehlung', en: 'Recommendation' },
      questions: [
        {
          id: 'score',
          type: 'nps',
          required: true,
          text: { de: 'Wie wahrscheinlich empfiehlst du {{answer:bike_name}} weiter?', en: 'How likely would you recommend {{answer:bike_name}}?' },
          minLabel: { de: 'Gar nicht', en: 'Not at all' },
          maxLabel: { de: 'Auf jeden Fall', en: 'Absolutely' },
        },
      ],
    },
    {
      id: 'last',
      title: { de: 'Zum Schluss', en: 'Finally' },
      questions: [{ id: 'comment', type: 'long_text', text: { de: 'Möchtest du uns noch etwas sagen?', en: 'Anything else?' } }],
    },
  ],
  endings: [{ id: 'thanks', title: { de: 'Danke, {{answer:bike_name}} und du habt geholfen!', en: 'Thanks!' }, showIf: { question: 'rides', op: 'equals', value: true } }],
};

/** A tRPC call as this browser (its session cookie, the CSRF header): setup that is not under test. */
async function api<T>(page: Page, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const response =
    kind === 'mutation'
      ? await page.request.post(`/trpc/${procedure}`, { data: input, headers: { 'x-quorum-csrf': '1' } })
      : await page.request.get(`/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`);
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A new account, signed up in German (optionally agreeing to research surveys), member of the community. */
async function germanMember(browser: Browser, baseURL: string | undefined, name: string, options: { research: boolean; communityId: string }) {
  const context = await browser.newContext({ baseURL, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/sign-up');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('E-Mail-Adresse').fill(uniqueEmail(name.toLowerCase()));
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('checkbox', { name: /Ich bin mindestens \d+ Jahre alt/ }).check();
  await page.getByRole('checkbox', { name: /Ich akzeptiere die Nutzungsbedingungen/ }).check();
  if (options.research) await page.getByRole('checkbox', { name: /Teilnahme an Forschungsumfragen/ }).check();
  await page.getByRole('button', { name: 'Konto erstellen' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`Kontomenü von ${name}`) })).toBeVisible();
  await api(page, 'communities.join', { communityId: options.communityId, answers: {} });
  return page;
}

/** The order in which this respondent sees the randomized colours. */
const colourOrder = (page: Page) =>
  page.getByRole('group', { name: /Welche Farbe hat dein Rad/ }).locator('input[type=radio]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

async function shoot(page: Page, name: string) {
  for (const width of [320, 375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(outDir, `de-${width}-${name}.png`), fullPage: true });
  }
}

let communityId = '';
let surveyId = '';

test('staff upload a survey definition as JSON (a broken file is explained) and open it', async ({ browser, baseURL }) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/');
  communityId = (
    await api<{ id: string }>(admin, 'communities.create', {
      slug: 'radler-nord',
      name: 'Radler Nord',
      visibility: 'public',
      defaultLocale: 'de',
      timeZone: 'Europe/Berlin',
    })
  ).id;

  // A researcher of the community, working in German.
  const rita = await germanMember(browser, baseURL, 'Rita', { research: false, communityId });
  const ritaId = (await api<{ account: { id: string } }>(rita, 'auth.me', undefined, 'query')).account.id;
  await api(admin, 'communities.changeRole', { communityId, accountId: ritaId, role: 'researcher' });

  await rita.goto('/c/radler-nord');
  await rita.getByRole('link', { name: 'Umfragen' }).click();
  await expect(rita.getByRole('heading', { level: 1, name: 'Umfragen' })).toBeVisible();
  const file = rita.getByLabel('Definitionsdatei (JSON)');
  await file.setInputFiles({ name: 'notizen.txt', mimeType: 'text/plain', buffer: Buffer.from('Rad, Farbe\nBlitz, rot') });
  await rita.getByRole('button', { name: 'Umfrage anlegen' }).click();
  await expect(rita.getByText('Diese Datei ist kein gültiges JSON.')).toBeVisible();
  await file.setInputFiles({ name: 'falsch.json', mimeType: 'application/json', buffer: Buffer.from('{"title": {"de": "Ohne Seiten"}}') });
  await rita.getByRole('button', { name: 'Umfrage anlegen' }).click();
  await expect(rita.getByText('Diese Umfragedefinition hat Fehler.')).toBeVisible();
  await expect(rita.getByText(/bei pages/).first()).toBeVisible();
  await expectAccessible(rita);

  await file.setInputFiles({ name: 'fahrrad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(definition)) });
  await rita.getByLabel('Anonymität').selectOption('identified');
  await rita.getByRole('button', { name: 'Umfrage anlegen' }).click();
  await expect(rita.getByText('Umfrage als Entwurf angelegt.')).toBeVisible();
  const row = rita.getByRole('listitem').filter({ hasText: 'Fahrrad-Umfrage' });
  await expect(row.getByText('Entwurf')).toBeVisible();
  await row.getByRole('button', { name: 'Jetzt öffnen' }).click();
  await expect(row.getByText('Offen', { exact: true })).toBeVisible();
  await expectAccessible(rita);
  await shoot(rita, 'survey-list-staff');
  const list = await api<{ items: { survey: { id: string } }[] }>(rita, 'surveys.list', { communityId }, 'query');
  surveyId = list.items[0]!.survey.id;
});

test('a member answers, pauses, resumes after a reload and finishes; the piped name shows', async ({ browser, baseURL }) => {
  const mia = await germanMember(browser, baseURL, 'Mia', { research: true, communityId });
  await mia.goto('/');
  await mia.getByRole('button', { name: /Kontomenü von Mia/ }).click();
  await mia.getByRole('link', { name: 'Umfragen für mich' }).click();
  await expect(mia.getByRole('heading', { level: 1, name: 'Umfragen für mich' })).toBeVisible();
  const item = mia.getByRole('listitem').filter({ hasText: 'Fahrrad-Umfrage' });
  await expect(item.getByText('in Radler Nord')).toBeVisible();
  await expectAccessible(mia);
  await shoot(mia, 'surveys-for-me');
  await item.getByRole('link', { name: 'Teilnehmen' }).click();

  // The anonymity mode is explained before starting.
  await expect(mia.getByText('Dein Name wird mit deinen Antworten gespeichert')).toBeVisible();
  await expectAccessible(mia);
  await mia.getByRole('button', { name: 'Los geht’s' }).click();
  await expect(mia.getByRole('heading', { name: 'Dein Rad' })).toBeFocused();
  // Her order of the randomized options, before anything is saved.
  const order = await colourOrder(mia);
  expect(order).toHaveLength(6);
  // Required: "next" without an answer is explained at the question.
  await mia.getByRole('button', { name: 'Weiter' }).click();
  await expect(mia.getByText('Bitte prüfe die markierten Fragen.')).toBeVisible();
  await mia.getByRole('group', { name: /Fährst du Fahrrad/ }).getByRole('radio', { name: 'Ja' }).check();
  await mia.getByLabel('Wie heißt dein Rad?').fill('Blitz');
  await mia.keyboard.press('Enter');
  await expect(mia.getByRole('heading', { name: 'Empfehlung' })).toBeFocused();
  await expect(mia.getByText('Wie wahrscheinlich empfiehlst du Blitz weiter?')).toBeVisible();
  await expect(mia.getByText('Deine bisherigen Antworten sind gespeichert.')).toBeVisible();
  await expectAccessible(mia);
  await shoot(mia, 'survey-respondent');

  // Pause: a reload, and she continues where she left off.
  await mia.reload();
  await mia.getByRole('button', { name: 'Dort weitermachen, wo du aufgehört hast' }).click();
  await expect(mia.getByText('Wie wahrscheinlich empfiehlst du Blitz weiter?')).toBeVisible();
  // The same option order after the reload (and after the first save)…
  await mia.getByRole('button', { name: 'Zurück' }).click();
  expect(await colourOrder(mia)).toEqual(order);
  // …and on another device (her session, none of this browser's storage).
  const otherDevice = await browser.newContext({ baseURL, locale: 'de-DE' });
  await otherDevice.addCookies(await mia.context().cookies());
  const phone = await otherDevice.newPage();
  await phone.goto(mia.url());
  await phone.getByRole('button', { name: 'Dort weitermachen, wo du aufgehört hast' }).click();
  await phone.getByRole('button', { name: 'Zurück' }).click();
  expect(await colourOrder(phone)).toEqual(order);
  await otherDevice.close();
  await mia.getByRole('button', { name: 'Weiter' }).click();
  await expect(mia.getByText('Wie wahrscheinlich empfiehlst du Blitz weiter?')).toBeVisible();
  await mia.getByRole('radio', { name: '9', exact: true }).check();
  await mia.getByRole('button', { name: 'Weiter' }).click();
  await expect(mia.getByRole('heading', { name: 'Zum Schluss' })).toBeVisible();
  await mia.getByRole('button', { name: 'Zurück' }).click();
  await expect(mia.getByRole('radio', { name: '9', exact: true })).toBeChecked();
  await mia.getByRole('button', { name: 'Weiter' }).click();
  await mia.getByLabel('Möchtest du uns noch etwas sagen?').fill('Mehr Radwege bitte.');
  await mia.getByRole('button', { name: 'Antworten absenden' }).click();
  await expect(mia.getByRole('heading', { name: 'Danke, Blitz und du habt geholfen!' })).toBeVisible();
  await expectAccessible(mia);

  await mia.goto('/surveys');
  await expect(mia.getByRole('listitem').filter({ hasText: 'Fahrrad-Umfrage' }).getByText('Beantwortet')).toBeVisible();
});

test('a member without the research consent is asked first, then answers along the other branch', async ({ browser, baseURL }) => {
  const max = await germanMember(browser, baseURL, 'Max', { research: false, communityId });
  await max.goto('/surveys');
  await max.getByRole('listitem').filter({ hasText: 'Fahrrad-Umfrage' }).getByRole('link', { name: 'Teilnehmen' }).click();
  await expect(max.getByRole('heading', { name: 'Bevor es losgeht: deine Einwilligung' })).toBeVisible();
  await expect(max.getByText('Wir laden dich zu Umfragen ein und werten deine Antworten aus').first()).toBeVisible();
  await expectAccessible(max);
  await shoot(max, 'survey-consent');
  await max.getByRole('button', { name: 'Nein, danke' }).click();
  await expect(max.getByText('Ohne diese Einwilligung kannst du nicht an Umfragen teilnehmen.')).toBeVisible();
  await max.reload();
  await max.getByRole('button', { name: 'Ich willige ein, weiter' }).click();
  await max.getByRole('button', { name: 'Los geht’s' }).click();
  await max.getByRole('radio', { name: 'Nein' }).check();
  await max.getByRole('button', { name: 'Weiter' }).click();
  // The skip rule: no bike, no recommendation page.
  await expect(max.getByRole('heading', { name: 'Zum Schluss' })).toBeVisible();
  await expect(max.getByText(/empfiehlst du/)).toHaveCount(0);
  await max.getByRole('button', { name: 'Antworten absenden' }).click();
  await expect(max.getByRole('heading', { name: 'Danke für deine Antworten!' })).toBeVisible();
  await expectAccessible(max);
  await max.goto('/surveys');
  await expect(max.getByRole('listitem').filter({ hasText: 'Fahrrad-Umfrage' }).getByText('Beantwortet')).toBeVisible();
  expect(surveyId).not.toBe('');
});

test('a survey opened directly is the light respondent page: no router, no i18next, the same page, sign-in first', async ({ browser, baseURL }) => {
  // A visitor following a link from a mail signs in first and comes back.
  const visitorContext = await browser.newContext({ baseURL, locale: 'de-DE' });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/surveys/${surveyId}`);
  await expect(visitor).toHaveURL(`/sign-in?next=${encodeURIComponent(`/surveys/${surveyId}`)}`);
  await visitorContext.close();

  const lea = await germanMember(browser, baseURL, 'Lea', { research: true, communityId });
  const scripts: string[] = [];
  lea.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await lea.goto(`/surveys/${surveyId}`);
  await expect(lea.getByRole('heading', { level: 1, name: 'Fahrrad-Umfrage' })).toBeVisible();
  // Its own entry and texts; none of the shell's code (router, i18next, all-app catalogs).
  expect(scripts.some((script) => /\/assets\/respond-[\w-]+\.js$/.test(script))).toBe(true);
  expect(scripts.filter((script) => /shell-framework|\/index-|\/catalog-(de|en)-/.test(script))).toEqual([]);
  await expect(lea.locator('html')).toHaveAttribute('lang', 'de');
  await expect(lea).toHaveTitle('Fahrrad-Umfrage · Quorum');
  await expect(lea.getByText('Dein Name wird mit deinen Antworten gespeichert')).toBeVisible();
  await expectAccessible(lea);
  // Keyboard: start, the page heading takes the focus; an unanswered required question is explained.
  await lea.getByRole('button', { name: 'Los geht’s' }).focus();
  await lea.keyboard.press('Enter');
  await expect(lea.getByRole('heading', { name: 'Dein Rad' })).toBeFocused();
  await lea.getByRole('button', { name: 'Weiter' }).click();
  await expect(lea.getByText('Bitte prüfe die markierten Fragen.')).toBeVisible();
  await lea.getByRole('group', { name: /Fährst du Fahrrad/ }).getByRole('radio', { name: 'Ja' }).check();
  await lea.getByLabel('Wie heißt dein Rad?').fill('Pfeil');
  await lea.getByRole('button', { name: 'Weiter' }).click();
  // Progress saved on the server (a mutation with the CSRF header, as the shell sends it).
  await expect(lea.getByText('Deine bisherigen Antworten sind gespeichert.')).toBeVisible();
  await expect(lea.getByText('Wie wahrscheinlich empfiehlst du Pfeil weiter?')).toBeVisible();
  await expectAccessible(lea);
  // Back to the community: a plain link into the shell.
  await lea.getByRole('link', { name: 'Radler Nord' }).click();
  await expect(lea).toHaveURL('/c/radler-nord');
  await expect(lea.getByRole('heading', { level: 1, name: 'Radler Nord' })).toBeVisible();
});

test('an anonymous survey keeps its progress and its option order on the device across a reload', async ({ browser, baseURL }) => {
  const admin = await asAdmin(browser, baseURL);
  await admin.goto('/');
  const anonymous = { ...definition, title: { de: 'Anonyme Rad-Umfrage', en: 'Anonymous bike survey' }, pages: [definition.pages[0]!, definition.pages[2]!], endings: [] };
  anonymous.pages[0] = { ...anonymous.pages[0]!, skip: [] };
  const created = await api<{ survey: { id: string } }>(admin, 'surveys.create', { communityId, anonymity: 'anonymous', definition: JSON.stringify(anonymous) });
  await api(admin, 'surveys.changeLifecycle', { surveyId: created.survey.id, change: { action: 'open' } });

  const ana = await germanMember(browser, baseURL, 'Ana', { research: true, communityId });
  await ana.goto('/surveys');
  await ana.getByRole('listitem').filter({ hasText: 'Anonyme Rad-Umfrage' }).getByRole('link', { name: 'Teilnehmen' }).click();
  await expect(ana.getByText('Nicht einmal der Betreiber kann sagen, welche Antworten deine sind')).toBeVisible();
  await expectAccessible(ana);
  await shoot(ana, 'survey-anonymous-explained');
  await ana.getByRole('button', { name: 'Los geht’s' }).click();
  const order = await colourOrder(ana);
  expect(order).toHaveLength(6);
  await ana.getByRole('group', { name: /Fährst du Fahrrad/ }).getByRole('radio', { name: 'Ja' }).check();
  await ana.getByRole('radio', { name: 'Grün' }).check();

  // A reload: the progress comes back from this device, in the same order.
  await ana.reload();
  await expect(ana.getByRole('radio', { name: 'Grün' })).toBeChecked();
  expect(await colourOrder(ana)).toEqual(order);
  await ana.getByRole('button', { name: 'Weiter' }).click();
  await expect(ana.getByText('Deine bisherigen Antworten liegen nur auf diesem Gerät.')).toBeVisible();
  await ana.getByRole('button', { name: 'Antworten absenden' }).click();
  await expect(ana.getByRole('heading', { name: 'Danke für deine Antworten!' })).toBeVisible();
  await expectAccessible(ana);
  // Sent: nothing of this survey stays on the device.
  expect(await ana.evaluate(() => Object.keys(localStorage).filter((name) => name.startsWith('quorum.survey.')))).toEqual([]);
});

import { describe, expect, it } from 'vitest';
import { checkResponse } from './response-validation.js';
import { assertSurveyDefinition } from './survey-check.js';
import type { QuestionOf } from './survey-definition.js';
import { canGoBack, currentEnding, respondentKey, togglePick, currentPage, goBack, goNext, progress, resumeRun, setAnswer, startRun, submission, type RunContext, type RunState } from './survey-runner.js';

const t = (en: string, de: string) => ({ en, de });
const opt = (value: string, en: string, de: string) => ({ value, label: t(en, de) });

/** Owners rate their product; everyone else goes straight to the last page. */
const definition = assertSurveyDefinition({
  schemaVersion: 1,
  title: t('Product survey', 'Produktumfrage'),
  settings: { allowBack: true },
  pages: [
    {
      id: 'start',
      title: t('Welcome', 'Willkommen'),
      questions: [
        { id: 'owns', type: 'single_choice', text: t('Which do you own?', 'Was besitzt du?'), required: true, options: [opt('phone', 'Phone', 'Telefon'), opt('nothing', 'Nothing', 'Nichts')] },
        { id: 'since', type: 'date', text: t('Since when?', 'Seit wann?'), visibleIf: { question: 'owns', op: 'equals', value: 'phone' } },
      ],
      skip: [{ if: { question: 'owns', op: 'equals', value: 'nothing' }, to: { page: 'last' } }],
    },
    {
      id: 'rate',
      title: t('Your {{answer:owns}}', 'Dein {{answer:owns}}'),
      questions: [{ id: 'score', type: 'nps', text: t('Recommend your {{answer:owns}}?', 'Dein {{answer:owns}} weiterempfehlen?'), required: true, minLabel: t('never', 'nie'), maxLabel: t('surely', 'sicher') }],
    },
    {
      id: 'last',
      questions: [{ id: 'features', type: 'multiple_choice', text: t('Features?', 'Funktionen?'), randomize: true, options: [opt('a', 'A', 'A'), opt('b', 'B', 'B'), opt('c', 'C', 'C'), { ...opt('none', 'None', 'Keine'), exclusive: true }] }],
    },
  ],
  endings: [
    { id: 'fan', title: t('Thanks, fan of {{answer:owns}}', 'Danke, Fan'), showIf: { question: 'score', op: 'gte', value: 9 } },
    { id: 'thanks', title: t('Thank you', 'Danke') },
  ],
});
const ctx: RunContext = { definition, attributes: {}, respondentKey: 'response-1', locale: 'de', fallback: 'en' };

const next = (state: RunState) => {
  const result = goNext(ctx, state);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.state;
};

describe('the respondent runner', () => {
  it('starts on the first page, in the respondent’s language, with their option order', () => {
    const state = startRun(ctx);
    const page = currentPage(ctx, state)!;
    expect(page.title).toBe('Willkommen');
    expect(page.questions.map((q) => [q.question.id, q.text])).toEqual([['owns', 'Was besitzt du?']]);
    expect(page.questions[0]!.options.map((option) => option.label)).toEqual(['Telefon', 'Nichts']);
    expect(canGoBack(ctx, state)).toBe(false);
    expect(progress(ctx, state)).toMatchObject({ current: 0, fraction: 0 });
  });

  it('shows questions as earlier answers on the page make them visible', () => {
    const state = setAnswer(startRun(ctx), 'owns', { choice: 'phone' });
    expect(currentPage(ctx, state)!.questions.map((q) => q.question.id)).toEqual(['owns', 'since']);
  });

  it('refuses "next" with the page’s problems, as the server would', () => {
    const empty = goNext(ctx, startRun(ctx));
    expect(empty).toEqual({ ok: false, issues: [{ code: 'answer_required', path: ['answers', 'owns'], params: { question: 'owns' } }] });
    const wrong = goNext(ctx, setAnswer(setAnswer(startRun(ctx), 'owns', { choice: 'phone' }), 'since', '2024-13-01'));
    expect(wrong).toMatchObject({ ok: false, issues: [{ code: 'date_invalid', params: { question: 'since' } }] });
  });

  it('pipes earlier answers into later pages and the end screen', () => {
    let state = next(setAnswer(startRun(ctx), 'owns', { choice: 'phone' }));
    const page = currentPage(ctx, state)!;
    expect(page.title).toBe('Dein Telefon');
    expect(page.questions[0]).toMatchObject({ text: 'Dein Telefon weiterempfehlen?', minLabel: 'nie', maxLabel: 'sicher' });
    state = next(next(setAnswer(state, 'score', 10)));
    expect(state).toMatchObject({ finished: true, ending: 'fan' });
    expect(currentEnding({ ...ctx, locale: 'en' }, state)).toMatchObject({ title: 'Thanks, fan of Phone' });
    expect(progress(ctx, state).fraction).toBe(1);
  });

  it('follows skip logic and counts progress along the path', () => {
    const state = next(setAnswer(startRun(ctx), 'owns', { choice: 'nothing' }));
    expect(state.page).toBe('last');
    expect(progress(ctx, state)).toEqual({ current: 1, total: 2, fraction: 0.5 });
  });

  it('goes back when the survey allows it, and drops what a changed answer hides', () => {
    let state = next(setAnswer(startRun(ctx), 'owns', { choice: 'phone' }));
    state = setAnswer(state, 'score', 3);
    expect(canGoBack(ctx, state)).toBe(true);
    state = goBack(ctx, state);
    expect(state.page).toBe('start');
    state = next(setAnswer(state, 'owns', { choice: 'nothing' }));
    expect(state.page).toBe('last');
    state = next(state);
    expect(state).toMatchObject({ finished: true, ending: 'thanks' });
    expect(submission(ctx, state)).toEqual({ owns: { choice: 'nothing' } });
    expect(checkResponse({ definition, answers: state.answers, attributes: {}, complete: true })).toMatchObject({ ok: true, dropped: ['score'] });
  });

  it('offers no "back" when the survey says so', () => {
    const strict = { ...ctx, definition: { ...definition, settings: { ...definition.settings, allowBack: false } } };
    const state = next(setAnswer(startRun(strict), 'owns', { choice: 'phone' }));
    expect(canGoBack(strict, state)).toBe(false);
    expect(goBack(strict, state)).toBe(state);
  });

  it('resumes on the first unfinished page of a saved response', () => {
    expect(resumeRun(ctx, {})).toMatchObject({ page: 'start', history: [] });
    expect(resumeRun(ctx, { owns: { choice: 'phone' } })).toMatchObject({ page: 'rate', history: ['start'] });
    expect(resumeRun(ctx, { owns: { choice: 'phone' }, score: 4 })).toMatchObject({ page: 'last', history: ['start', 'rate'] });
    expect(resumeRun(ctx, { owns: { choice: 'nothing' }, score: 4 })).toMatchObject({ page: 'last', history: ['start'], answers: { owns: { choice: 'nothing' } } });
  });

  it('keeps "none of these" last however the options are shuffled', () => {
    const state = next(setAnswer(startRun(ctx), 'owns', { choice: 'nothing' }));
    for (const respondentKey of ['r1', 'r2', 'r3', 'r4']) {
      const options = currentPage({ ...ctx, respondentKey }, state)!.questions[0]!.options;
      expect(options.at(-1)).toMatchObject({ value: 'none', exclusive: true });
    }
  });

  it('goes straight to the end when every page is hidden for this respondent', () => {
    const hidden = assertSurveyDefinition({
      schemaVersion: 1,
      title: t('S', 'S'),
      pages: [{ id: 'p', visibleIf: { attribute: 'region', op: 'equals', value: 'south' }, questions: [{ id: 'q', type: 'yes_no', text: t('Q', 'Q') }] }],
    });
    expect(startRun({ ...ctx, definition: hidden })).toMatchObject({ page: null, finished: true, ending: null });
  });

  it('keeps "none of these" alone when picks are toggled', () => {
    const features = definition.pages[2]!.questions[0]! as QuestionOf<'multiple_choice'>;
    let answer = togglePick(features, undefined, 'a', true);
    answer = togglePick(features, answer, 'b', true);
    expect(answer).toEqual({ choices: ['a', 'b'] });
    answer = togglePick(features, answer, 'none', true);
    expect(answer).toEqual({ choices: ['none'] });
    answer = togglePick(features, answer, 'c', true);
    expect(answer).toEqual({ choices: ['c'] });
    expect(togglePick(features, answer, 'c', false)).toBeUndefined();
    expect(togglePick(features, { choices: ['_other'], other: 'x' }, 'a', true)).toEqual({ choices: ['_other', 'a'], other: 'x' });
    expect(togglePick(features, { choices: ['_other', 'a'], other: 'x' }, '_other', false)).toEqual({ choices: ['a'] });
  });
});

describe('the respondent key (stable option order)', () => {
  const base = { surveyId: 'survey-1', accountId: 'account-1', deviceKey: 'device-a' };
  const order = (key: string) => {
    const rate = next(setAnswer(startRun(ctx), 'owns', { choice: 'phone' }));
    const last = next(setAnswer(rate, 'score', 9));
    return currentPage({ ...ctx, respondentKey: key }, last)!.questions[0]!.options.map((option) => option.value);
  };

  it('identified and pseudonymous: survey id + account id, whatever the device', () => {
    for (const anonymity of ['identified', 'pseudonymous'] as const) {
      const here = respondentKey({ ...base, anonymity });
      expect(here).toBe('survey-1:account-1');
      // Another device (another device key) gives the same key, so the same order.
      expect(respondentKey({ ...base, anonymity, deviceKey: 'device-b' })).toBe(here);
    }
  });

  it('anonymous: the device key, never the account', () => {
    const here = respondentKey({ ...base, anonymity: 'anonymous' });
    expect(here).not.toContain('account-1');
    expect(respondentKey({ ...base, anonymity: 'anonymous', accountId: 'account-2' })).toBe(here);
    expect(respondentKey({ ...base, anonymity: 'anonymous', deviceKey: 'device-b' })).not.toBe(here);
  });

  it('gives the same order every time for one respondent, and other orders for others', () => {
    const key = respondentKey({ ...base, anonymity: 'identified' });
    expect(order(key)).toEqual(order(key));
    expect(order(key).at(-1)).toBe('none');
    const orders = new Set(Array.from({ length: 40 }, (_, i) => order(respondentKey({ ...base, anonymity: 'identified', accountId: `account-${i}` })).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});

// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { assertSurveyDefinition } from '@quorum/domain/surveys/survey-check';
import { currentPage, startRun, type RunContext } from '@quorum/domain/surveys/survey-runner';
import { initI18n } from '../../i18n/i18n';
import { QuestionField } from './question-field';
import { RespondEnvProvider } from './respond-env';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
await initI18n();

const both = (en: string, de: string) => ({ en, de });
const definition = assertSurveyDefinition({
  schemaVersion: 1,
  title: both('Survey', 'Umfrage'),
  pages: [
    {
      id: 'p1',
      questions: [
        { id: 'rating', type: 'rating', text: both('How much?', 'Wie sehr?'), min: 1, max: 3, step: 0.5 },
        {
          id: 'grid',
          type: 'matrix',
          text: both('Rate', 'Bewerte'),
          rows: [{ value: 'speed', label: both('Speed', 'Tempo') }],
          columns: [
            { value: 'bad', label: both('bad', 'schlecht') },
            { value: 'good', label: both('good', 'gut') },
          ],
        },
      ],
    },
  ],
});

async function render(locale: 'de' | 'en'): Promise<HTMLElement> {
  await act(() => i18next.changeLanguage(locale));
  const ctx: RunContext = { definition, attributes: {}, respondentKey: 'k', locale, fallback: 'de' };
  const page = currentPage(ctx, startRun(ctx))!;
  const container = document.createElement('div');
  document.body.append(container);
  act(() =>
    createRoot(container).render(
      <RespondEnvProvider value={{ t: (key, values) => i18next.t(key, values ?? {}), locale, link: ({ to, children }) => <a href={to}>{children}</a> }}>
        {page.questions.map((rendered) => (
          <QuestionField key={rendered.question.id} rendered={rendered} error={undefined} onChange={() => {}} />
        ))}
      </RespondEnvProvider>,
    ),
  );
  return container;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('QuestionField', () => {
  it('writes scale points as numbers of the page’s language, and keeps plain values', async () => {
    const container = await render('de');
    const labels = [...container.querySelectorAll('.survey__scale:not(.survey__scale--words) .choice__label')].map((label) => label.textContent);
    expect(labels).toEqual(['1', '1,5', '2', '2,5', '3']);
    const values = [...container.querySelectorAll<HTMLInputElement>('.survey__scale:not(.survey__scale--words) input')].map((input) => input.value);
    expect(values).toEqual(['1', '1.5', '2', '2.5', '3']);
  });

  it('gives matrix columns (words) their own wider scale', async () => {
    const container = await render('en');
    const words = container.querySelector('.survey__matrix-row .survey__scale--words');
    expect([...words!.querySelectorAll('.choice__label')].map((label) => label.textContent)).toEqual(['bad', 'good']);
  });
});

// @vitest-environment happy-dom
import i18next from 'i18next';
import { expect, it } from 'vitest';
import { addAreaTexts, initI18n } from './i18n';

it('keeps the texts of an area whose code loaded before the first language did', async () => {
  // The router starts loading a lazy route's code as soon as it is created, which can be
  // before the first catalog has arrived (a page opened straight at a thread).
  addAreaTexts({
    de: { earlyArea: { title: 'Früh geladen' } },
    en: { earlyArea: { title: 'Loaded early' } },
  });
  await initI18n();
  expect(i18next.language).toBe('en');
  expect(i18next.t('earlyArea.title')).toBe('Loaded early');
  expect(i18next.t('common.cancel')).toBe('Cancel');
});

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import catalogDe from '../../i18n/catalog-de';
import catalogEn from '../../i18n/catalog-en';
import type { Catalog } from '../../i18n/catalogs';
import { createTranslate } from './light-translate';

// The shell's i18next settings (i18n.ts), both languages loaded.
const i18n = i18next.createInstance();
await i18n.init({
  resources: { de: { translation: catalogDe }, en: { translation: catalogEn } },
  lng: 'en',
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Every key (plural forms as their base key) of a catalog, with the names it interpolates. */
function keys(catalog: Catalog, prefix = ''): [string, string[]][] {
  return Object.entries(catalog).flatMap(([name, value]) => {
    const key = `${prefix}${name}`;
    if (typeof value !== 'string') return keys(value, `${key}.`);
    const names = [...value.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!);
    return [[key.replace(/_(zero|one|two|few|many|other)$/, ''), names]];
  });
}

describe('the respondent entry’s translate function', () => {
  for (const [locale, catalog] of [['de', catalogDe], ['en', catalogEn]] as const) {
    it(`says what i18next says for every surveys, validation and error text (${locale})`, () => {
      const t = createTranslate(catalog, locale);
      const fixed = i18n.getFixedT(locale);
      const checked = keys(catalog).filter(([key]) => /^(surveys|validation|errors|common)\./.test(key));
      expect(checked.length).toBeGreaterThan(100);
      for (const [key, names] of checked) {
        for (const count of [0, 1, 2, 5]) {
          const values: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, `«${name}»`]));
          if (names.includes('count')) values.count = count;
          expect(t(key, values), key).toBe(fixed(key, values));
        }
      }
    });
  }

  it('falls back like i18next: a default value, else the key', () => {
    const t = createTranslate(catalogEn, 'en');
    expect(t('validation.no_such_code', { defaultValue: 'no_such_code' })).toBe('no_such_code');
    expect(t('surveys.no.such.key')).toBe('surveys.no.such.key');
  });
});

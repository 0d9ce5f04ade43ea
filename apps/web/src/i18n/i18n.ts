/**
 * Translations and the choice of language (DESIGN convention 10): the account's saved
 * locale, else the header switch (kept in localStorage), else the browser's languages,
 * else the default. German copy says "du", like Discourse's German and like the server's
 * mails: one voice across the product (a brand that prefers "Sie" changes de.json and
 * the mail texts together).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLocale, resolveLocale, type Locale } from '@quorum/domain/shared/locale';
import { catalogs, type Catalog } from './catalogs';

export const resources = { de: { translation: catalogs.de }, en: { translation: catalogs.en } };

const SWITCH_KEY = 'quorum.locale';

function readSwitch(): string | null {
  try {
    return localStorage.getItem(SWITCH_KEY);
  } catch {
    return null; // storage blocked: fall through to the browser's language
  }
}

export function initI18n(): void {
  const lng = resolveLocale({ switched: readSwitch(), browser: navigator.languages });
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
}

/** The header switch: remembered for visitors; the caller also saves it for accounts. */
export function switchLanguage(locale: Locale): void {
  try {
    localStorage.setItem(SWITCH_KEY, locale);
  } catch {
    // not remembered across visits; still switches now
  }
  void i18next.changeLanguage(locale);
}

/** Applies the account's saved locale once it is known (it wins over everything else). */
export function applyAccountLocale(saved: string | null | undefined): void {
  const locale = resolveLocale({ saved, switched: readSwitch(), browser: navigator.languages });
  if (i18next.language !== locale) void i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

/**
 * Texts of an area that loads with its routes (files in `features/<area>/locales/route/`):
 * they join the catalog when the area's code runs, so the first page does not carry them.
 */
export function addAreaTexts(texts: Record<Locale, Catalog>): void {
  for (const [locale, part] of Object.entries(texts)) {
    i18next.addResourceBundle(locale, 'translation', part, true, false);
  }
}

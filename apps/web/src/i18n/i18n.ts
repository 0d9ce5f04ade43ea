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
import type { Catalog } from './catalogs';

/** One chunk per language, loaded when it is first shown (the shell carries neither). */
const loaders: Record<Locale, () => Promise<Catalog>> = {
  de: async () => (await import('./catalog-de')).default,
  en: async () => (await import('./catalog-en')).default,
};

/** Texts of areas whose code has loaded (addAreaTexts), kept for languages loaded later. */
const areaTexts: Record<Locale, Catalog>[] = [];
const loaded = new Set<Locale>();

function addTexts(locale: Locale, catalog: Catalog): void {
  i18next.addResourceBundle(locale, 'translation', catalog, true, false);
}

async function ensureLoaded(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return;
  addTexts(locale, await loaders[locale]());
  for (const texts of areaTexts) addTexts(locale, texts[locale]);
  loaded.add(locale);
}

const SWITCH_KEY = 'quorum.locale';

function readSwitch(): string | null {
  try {
    return localStorage.getItem(SWITCH_KEY);
  } catch {
    return null; // storage blocked: fall through to the browser's language
  }
}

/** Loads the language the page starts in, then sets up i18next; render after it resolves. */
export async function initI18n(): Promise<void> {
  const lng = resolveLocale({ switched: readSwitch(), browser: navigator.languages });
  const catalog = await loaders[lng]();
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: catalog } },
    lng,
    // Both languages have the same keys (a test checks): nothing to fall back to.
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  // The router starts loading a lazy route's code when it is created, possibly before this
  // catalog arrived: texts its area added meanwhile join now, or its page shows bare keys.
  for (const texts of areaTexts) addTexts(lng, texts[lng]);
  loaded.add(lng);
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
  void changeLanguage(locale);
}

async function changeLanguage(locale: Locale): Promise<void> {
  await ensureLoaded(locale);
  await i18next.changeLanguage(locale);
}

/** Applies the account's saved locale once it is known (it wins over everything else). */
export function applyAccountLocale(saved: string | null | undefined): void {
  const locale = resolveLocale({ saved, switched: readSwitch(), browser: navigator.languages });
  if (i18next.language !== locale) void changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

/**
 * Texts of an area that loads with its routes (files in `features/<area>/locales/route/`):
 * they join the catalog when the area's code runs, so the first page does not carry them.
 */
export function addAreaTexts(texts: Record<Locale, Catalog>): void {
  areaTexts.push(texts);
  for (const locale of loaded) addTexts(locale, texts[locale]);
}

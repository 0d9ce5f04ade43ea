/**
 * The translation catalogs, assembled from one file per area: shared words live in
 * i18n/{de,en}.json, each feature keeps its own in features/<area>/locales/{de,en}.json
 * (so a new area adds files instead of growing one). Every file's top-level keys are
 * that area's namespace inside the single `translation` catalog; a key owned twice
 * throws at start, and a test checks it. An area whose texts the first page does not need
 * keeps them in `locales/route/` and adds them when its code loads (addAreaTexts in i18n.ts).
 */
import type { Locale } from '@quorum/domain/shared/locale';
import sharedDe from './de.json';
import sharedEn from './en.json';

export type Catalog = { [key: string]: string | Catalog };

const featureFiles = import.meta.glob<Catalog>('../features/*/locales/*.json', {
  eager: true,
  import: 'default',
});

/** Adds one file's namespaces to a catalog; a namespace owned twice throws. */
export function addArea(catalog: Catalog, file: string, part: Catalog): void {
  for (const [key, value] of Object.entries(part)) {
    if (key in catalog) throw new Error(`translation key "${key}" is defined twice (${file})`);
    catalog[key] = value;
  }
}

function assemble(locale: Locale, shared: Catalog): Catalog {
  const catalog: Catalog = { ...shared };
  const suffix = `/locales/${locale}.json`;
  for (const [file, part] of Object.entries(featureFiles)) {
    if (file.endsWith(suffix)) addArea(catalog, file, part);
  }
  return catalog;
}

export const catalogs: Record<Locale, Catalog> = {
  de: assemble('de', sharedDe),
  en: assemble('en', sharedEn),
};

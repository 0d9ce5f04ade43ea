/**
 * The translation catalogs, assembled from one file per area: shared words live in
 * i18n/{de,en}.json, each feature keeps its own in features/<area>/locales/{de,en}.json
 * (so a new area adds files instead of growing one). Every file's top-level keys are
 * that area's namespace inside the single `translation` catalog; a key owned twice
 * throws at start, and a test checks it.
 */
import type { Locale } from '@quorum/domain/shared/locale';
import sharedDe from './de.json';
import sharedEn from './en.json';

export type Catalog = { [key: string]: string | Catalog };

const featureFiles = import.meta.glob<Catalog>('../features/*/locales/*.json', {
  eager: true,
  import: 'default',
});

function assemble(locale: Locale, shared: Catalog): Catalog {
  const catalog: Catalog = { ...shared };
  const suffix = `/locales/${locale}.json`;
  for (const [file, part] of Object.entries(featureFiles)) {
    if (!file.endsWith(suffix)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key in catalog) throw new Error(`translation key "${key}" is defined twice (${file})`);
      catalog[key] = value;
    }
  }
  return catalog;
}

export const catalogs: Record<Locale, Catalog> = {
  de: assemble('de', sharedDe),
  en: assemble('en', sharedEn),
};

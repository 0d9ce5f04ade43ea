/**
 * The translation catalogs, assembled from one file per area: shared words live in
 * i18n/{de,en}.json, each feature keeps its own in features/<area>/locales/{de,en}.json
 * (so a new area adds files instead of growing one). Every file's top-level keys are
 * that area's namespace inside the single `translation` catalog; a key owned twice
 * throws at start, and a test checks it. Each language is its own chunk
 * (catalog-de.ts, catalog-en.ts): a page loads only the language it shows. An area whose
 * texts the first page does not need keeps them in `locales/route/` and adds them when its
 * code loads (addAreaTexts in i18n.ts).
 */
export type Catalog = { [key: string]: string | Catalog };

/** Adds one file's namespaces to a catalog; a namespace owned twice throws. */
export function addArea(catalog: Catalog, file: string, part: Catalog): void {
  for (const [key, value] of Object.entries(part)) {
    if (key in catalog) throw new Error(`translation key "${key}" is defined twice (${file})`);
    catalog[key] = value;
  }
}

export function assemble(shared: Catalog, featureFiles: Record<string, Catalog>): Catalog {
  const catalog: Catalog = { ...shared };
  for (const [file, part] of Object.entries(featureFiles)) addArea(catalog, file, part);
  return catalog;
}

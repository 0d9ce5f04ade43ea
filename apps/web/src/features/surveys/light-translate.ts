import type { Catalog } from '../../i18n/catalogs';
import type { Translate } from './respond-env';

/**
 * The respondent entry's translate function: the same keys and catalogs as the shell's
 * i18next, and the two features of it the respondent texts use — `{{name}}` interpolation
 * (no escaping: React escapes) and plurals by `count` (`key_one`, `key_other`, … chosen by
 * Intl.PluralRules, as i18next does) — plus `defaultValue`. A missing key shows itself, as
 * in i18next.
 */
export function createTranslate(catalog: Catalog, locale: string): Translate {
  const rules = new Intl.PluralRules(locale);
  const lookup = (key: string): string | undefined => {
    let node: string | Catalog | undefined = catalog;
    for (const part of key.split('.')) {
      if (node === undefined || typeof node === 'string') return undefined;
      node = node[part];
    }
    return typeof node === 'string' ? node : undefined;
  };
  return (key, values = {}) => {
    const count = values.count;
    const text =
      (typeof count === 'number' ? lookup(`${key}_${rules.select(count)}`) ?? lookup(`${key}_other`) : undefined) ??
      lookup(key) ??
      (typeof values.defaultValue === 'string' ? values.defaultValue : key);
    return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => (values[name] === undefined ? '' : String(values[name])));
  };
}

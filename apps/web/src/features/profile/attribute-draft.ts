import {
  attributeDefinitionInputSchema,
  type AttributeType,
  type ProfileAttribute,
} from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import { locales, type Locale } from '@quorum/domain/shared/locale';

/**
 * The attribute editor's state: what the owner typed, before the domain schema checks it.
 * An empty key or option value is derived from the text in the community's language; an
 * empty text in the other language shows the community's.
 */
export interface AttributeDraft {
  key: string;
  type: AttributeType;
  label: Record<Locale, string>;
  options: { value: string; label: Record<Locale, string> }[];
  required: boolean;
}

export const isChoice = (type: AttributeType) =>
  type === 'single_choice' || type === 'multiple_choice';

export const emptyOption = () => ({ value: '', label: { de: '', en: '' } });

export function newDraft(): AttributeDraft {
  return {
    key: '',
    type: 'single_choice',
    label: { de: '', en: '' },
    options: [emptyOption(), emptyOption()],
    required: false,
  };
}

/** What the editor knows about its community: its language and the keys already in use. */
export interface DraftContext {
  language: Locale;
  existingKeys: readonly string[];
}

const otherLocales = (language: Locale) => locales.filter((locale) => locale !== language);

/**
 * An attribute to edit. A text in another language that only repeats the community's (it
 * was derived) shows as empty again.
 */
export function draftOf(attribute: ProfileAttribute, language: Locale): AttributeDraft {
  const own = (label: Record<Locale, string>) => {
    const shown = { ...label };
    for (const locale of otherLocales(language))
      if (shown[locale] === label[language]) shown[locale] = '';
    return shown;
  };
  return {
    key: attribute.key,
    type: attribute.type,
    label: own(attribute.label),
    options: attribute.options.map((option) => ({ value: option.value, label: own(option.label) })),
    required: attribute.required,
  };
}

/**
 * A name for exports and filters from a text: lower-case ASCII words joined by `_`
 * ("Kunde seit" → "kunde_seit", "Größe" → "groesse"), made unique among `taken`.
 */
export function identifierFrom(text: string, taken: readonly string[], fallback: string): string {
  const ascii = text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  // Keys start with a letter (the domain's rule); texts without any ASCII get the fallback.
  const base = !ascii ? fallback : /^[a-z]/.test(ascii) ? ascii : `${fallback}_${ascii}`;
  let candidate = base.length >= 2 ? base : `${fallback}_${base}`;
  for (let n = 2; taken.includes(candidate); n += 1) candidate = `${base}_${n}`;
  return candidate;
}

/** The draft with its derived parts filled in: texts in every language, key, option values. */
function completed(
  draft: AttributeDraft,
  { language, existingKeys }: DraftContext,
): AttributeDraft {
  const label = (texts: Record<Locale, string>) => {
    const filled = { ...texts };
    for (const locale of otherLocales(language))
      if (!filled[locale].trim()) filled[locale] = texts[language];
    return filled;
  };
  const values: string[] = [];
  const options = draft.options.map((option) => {
    const value = option.value.trim() || identifierFrom(option.label[language], values, 'option');
    values.push(value);
    return { value, label: label(option.label) };
  });
  return {
    ...draft,
    key: draft.key.trim() || identifierFrom(draft.label[language], existingKeys, 'field'),
    label: label(draft.label),
    options,
  };
}

/**
 * The draft as the server's input, checked with the domain's schema. Options only count
 * for choice types (switching the type away from a choice drops them). Problems are
 * keyed by their dotted path ("label.de", "options.1.value", "options"); a problem of a
 * derived text shows only where the owner typed.
 */
export function checkDraft(communityId: Id, draft: AttributeDraft, context: DraftContext) {
  const full = completed(draft, context);
  const result = attributeDefinitionInputSchema.safeParse({
    communityId,
    ...full,
    options: isChoice(full.type) ? full.options : [],
  });
  if (result.success) return { input: result.data, problems: {} };
  const derived = (path: string) => {
    const [first, second, third, fourth] = path.split('.');
    if (first === 'label')
      return second !== context.language && !draft.label[second as Locale].trim();
    if (first === 'options' && third === 'label')
      return (
        fourth !== context.language &&
        !draft.options[Number(second)]?.label[fourth as Locale].trim()
      );
    return false;
  };
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (!derived(path)) problems[path] ??= issue.message;
  }
  return { input: null, problems };
}

import {
  communityPurposeInputSchema,
  type CommunityPurposeInput,
  type DataCategory,
} from '@quorum/domain/consent/purpose-register';
import type { Id } from '@quorum/domain/shared/ids';
import { locales, type Locale } from '@quorum/domain/shared/locale';

/** The "Add purpose" form's state: what the owner typed, before the domain schema checks it. */
export interface PurposeDraft {
  id: string;
  texts: Record<Locale, { title: string; description: string }>;
  consentTexts: Record<Locale, string>;
  dataCategories: DataCategory[];
  retentionDays: string;
  /** One recipient per line. */
  recipients: Record<Locale, string>;
}

const perLocale = <T>(make: () => T) =>
  Object.fromEntries(locales.map((locale) => [locale, make()])) as Record<Locale, T>;

export function newPurposeDraft(): PurposeDraft {
  return {
    id: '',
    texts: perLocale(() => ({ title: '', description: '' })),
    consentTexts: perLocale(() => ''),
    dataCategories: [],
    retentionDays: '365',
    recipients: perLocale(() => ''),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * The draft as the server's input, checked with the domain's schema. Problems are keyed by
 * their dotted path ("texts.de.title", "retentionDays", "recipients.en.0").
 */
export function checkPurposeDraft(
  communityId: Id,
  draft: PurposeDraft,
): { input: CommunityPurposeInput | null; problems: Record<string, string> } {
  const days = draft.retentionDays.trim();
  const result = communityPurposeInputSchema.safeParse({
    communityId,
    id: draft.id.trim(),
    texts: draft.texts,
    consentTexts: draft.consentTexts,
    dataCategories: draft.dataCategories,
    retentionDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    recipients: perLocaleOf(draft.recipients, lines),
  });
  if (result.success) return { input: result.data, problems: {} };
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) problems[issue.path.join('.')] ??= issue.message;
  return { input: null, problems };
}

function perLocaleOf<T, U>(values: Record<Locale, T>, map: (value: T) => U): Record<Locale, U> {
  return Object.fromEntries(locales.map((locale) => [locale, map(values[locale])])) as Record<
    Locale,
    U
  >;
}

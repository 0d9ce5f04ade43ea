import { z } from 'zod';

/** German and English from day one; the first is the fallback of last resort. */
export const locales = ['de', 'en'] as const;
export const localeSchema = z.enum(locales, { error: 'invalid_locale' });
export type Locale = z.infer<typeof localeSchema>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Which language to show: the member's saved choice, else the explicit switch,
 * else the first supported browser language, else the community's default.
 */
export function resolveLocale(input: {
  saved?: string | null;
  switched?: string | null;
  browser?: readonly string[];
  communityDefault?: Locale | null;
}): Locale {
  if (isLocale(input.saved)) return input.saved;
  if (isLocale(input.switched)) return input.switched;
  for (const tag of input.browser ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return input.communityDefault ?? 'en';
}

/**
 * German and English from day one. Kept free of zod: the web's first page needs
 * the language before anything else (the schema is in locale-schema.ts).
 */
export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];

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

import { z } from 'zod';
import { localeSchema } from '../shared/locale-schema.js';
import type { Locale } from '../shared/locale.js';
import { idSchema, type Id } from '../shared/ids.js';
import { DEFAULT_TIME_ZONE, timeZoneSchema } from '../shared/time-zone.js';

/**
 * public: listed, readable by visitors, anyone signed in may join.
 * private: listed, content for members only, join by invitation or approved request.
 * invite_only: not listed, join by invitation only.
 */
export const visibilities = ['public', 'private', 'invite_only'] as const;
export const visibilitySchema = z.enum(visibilities, { error: 'visibility_invalid' });
export type Visibility = z.infer<typeof visibilitySchema>;

/**
 * What happens to a member's posts when their account is erased: kept under
 * "deleted member" (threads stay readable for those who replied) or removed.
 */
export const erasureContentPolicies = ['anonymize', 'delete'] as const;
export const erasureContentPolicySchema = z.enum(erasureContentPolicies, { error: 'erasure_policy_invalid' });
export type ErasureContentPolicy = z.infer<typeof erasureContentPolicySchema>;

export interface Community {
  id: Id;
  slug: string;
  name: string;
  description: string;
  visibility: Visibility;
  defaultLocale: Locale;
  erasureContentPolicy: ErasureContentPolicy;
  /** IANA name: survey times are entered and shown in it (stored in UTC). */
  timeZone: string;
  createdAt: Date;
}

/** Paths the web app uses at the top level; a community may not take them as its slug. */
export const reservedSlugs: ReadonlySet<string> = new Set([
  'admin', 'api', 'trpc', 'healthz', 'setup', 'account', 'settings', 'new', 'create',
  'sign-in', 'sign-up', 'signin', 'signup', 'login', 'logout', 'register', 'verify-email',
  'forgot-password', 'reset-password', 'invite', 'invitations', 'communities', 'c',
  'privacy', 'terms', 'imprint', 'impressum', 'help', 'static', 'assets', 'quorum',
]);

export const SLUG_MIN_LENGTH = 3;
export const SLUG_MAX_LENGTH = 48;

/**
 * Slugs appear in URLs: lower-case ASCII letters, digits and single hyphens,
 * starting with a letter, not ending in a hyphen.
 */
export const slugSchema = z
  .string({ error: 'slug_invalid' })
  .trim()
  .min(SLUG_MIN_LENGTH, { error: 'slug_too_short' })
  .max(SLUG_MAX_LENGTH, { error: 'slug_too_long' })
  .regex(/^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/, { error: 'slug_invalid' })
  .refine((slug) => !reservedSlugs.has(slug), { error: 'slug_reserved' });

/** Suggests a slug from a name ("Kunden-Forum Süd" → "kunden-forum-sued"). */
export function suggestSlug(name: string): string {
  const transliterated = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return transliterated
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}

export const communityNameSchema = z
  .string({ error: 'name_required' })
  .trim()
  .min(2, { error: 'name_too_short' })
  .max(80, { error: 'name_too_long' });

export const communityDescriptionSchema = z
  .string()
  .trim()
  .max(2000, { error: 'description_too_long' });

export const createCommunityInputSchema = z.object({
  slug: slugSchema,
  name: communityNameSchema,
  description: communityDescriptionSchema.default(''),
  visibility: visibilitySchema,
  defaultLocale: localeSchema,
  erasureContentPolicy: erasureContentPolicySchema.default('anonymize'),
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
});
export type CreateCommunityInput = z.infer<typeof createCommunityInputSchema>;

export const updateCommunityInputSchema = z.object({
  communityId: idSchema,
  name: communityNameSchema,
  description: communityDescriptionSchema,
  visibility: visibilitySchema,
  defaultLocale: localeSchema,
  erasureContentPolicy: erasureContentPolicySchema,
  /** Left out: the zone stays as it is. */
  timeZone: timeZoneSchema.optional(),
});
export type UpdateCommunityInput = z.infer<typeof updateCommunityInputSchema>;

export const communitySlugInputSchema = z.object({ slug: slugSchema });
export const communityIdInputSchema = z.object({ communityId: idSchema });

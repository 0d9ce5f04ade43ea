import { z } from 'zod';
import { sha256Hex } from '../shared/sha256.js';
import { localeSchema } from '../shared/locale-schema.js';
import { locales, type Locale } from '../shared/locale.js';
import type { Id } from '../shared/ids.js';

/**
 * Versioned texts people agree to: the privacy notice, the terms, and one consent text
 * per consent-based purpose (`consent:<purposeId>`). A version holds one text per
 * locale; publishing makes a new version, old versions stay readable.
 */
export type PolicyDocument = 'privacy_notice' | 'terms' | `consent:${string}`;

export const policyDocumentSchema = z
  .string({ error: 'document_invalid' })
  .regex(/^(privacy_notice|terms|consent:[a-z][a-z0-9_]{2,47})$/, { error: 'document_invalid' })
  .transform((value) => value as PolicyDocument);

export function consentDocument(purposeId: string): PolicyDocument {
  return `consent:${purposeId}`;
}

export interface PolicyText {
  id: Id;
  /** null: the instance's text; otherwise a community's own version of the document. */
  communityId: Id | null;
  document: PolicyDocument;
  version: number;
  locale: Locale;
  /** Markdown source, stored normalized. */
  body: string;
  /** SHA-256 (hex) of the normalized body: what a consent event proves was shown. */
  bodyHash: string;
  publishedAt: Date;
  publishedBy: Id | null;
}

/**
 * One text, one hash: Unicode NFC (so "ü" typed two ways is one text) and LF line
 * endings (so Windows editors don't change the hash).
 */
export function normalizePolicyText(body: string): string {
  return body.normalize('NFC').replace(/\r\n?/g, '\n');
}

export function policyTextHash(body: string): string {
  return sha256Hex(normalizePolicyText(body));
}

export const textHashSchema = z.string({ error: 'hash_invalid' }).regex(/^[0-9a-f]{64}$/, { error: 'hash_invalid' });

const policyBodySchema = z
  .string({ error: 'policy_text_too_short' })
  .transform(normalizePolicyText)
  .pipe(z.string().trim().min(20, { error: 'policy_text_too_short' }).max(50_000, { error: 'policy_text_too_long' }));

/** Publishing needs every locale: nobody should agree to a text they cannot read. */
export const policyBodiesSchema = z.object(
  Object.fromEntries(locales.map((locale) => [locale, policyBodySchema])) as Record<Locale, typeof policyBodySchema>,
);

export const publishPolicyInputSchema = z.object({
  communityId: z.uuid({ error: 'invalid_id' }).nullable(),
  document: policyDocumentSchema,
  texts: policyBodiesSchema,
});

export const policyQueryInputSchema = z.object({
  communityId: z.uuid({ error: 'invalid_id' }).nullable().default(null),
  document: policyDocumentSchema,
  locale: localeSchema,
  /** A specific older version; the current one when absent. At most what an integer column holds on both databases. */
  version: z.number().int().min(1).max(2_147_483_647).optional(),
});

import { describe, expect, it } from 'vitest';
import { normalizePolicyText, policyDocumentSchema, policyTextHash, publishPolicyInputSchema } from './policy-text.js';

describe('policy text hashing', () => {
  it('hashes the same text the same way whatever its line endings or Unicode form', () => {
    const composed = 'Datenschutzerklärung\nZeile zwei';
    const decomposedCrlf = 'Datenschutzerkla\u0308rung\r\nZeile zwei';
    expect(normalizePolicyText(decomposedCrlf)).toBe(composed);
    expect(policyTextHash(decomposedCrlf)).toBe(policyTextHash(composed));
  });
  it('tells different texts apart', () => {
    expect(policyTextHash('Version 1')).not.toBe(policyTextHash('Version 2'));
  });
});

describe('publishing', () => {
  it('needs a text in every locale', () => {
    const result = publishPolicyInputSchema.safeParse({ communityId: null, document: 'terms', texts: { de: 'Nutzungsbedingungen der Community, Fassung 2' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['texts', 'en']);
  });
  it('knows the documents', () => {
    expect(policyDocumentSchema.safeParse('consent:research_surveys').success).toBe(true);
    expect(policyDocumentSchema.safeParse('cookies').success).toBe(false);
  });
});

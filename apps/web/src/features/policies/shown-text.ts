import { policyTextHash, type PolicyText } from '@quorum/domain/consent/policy-text';

/**
 * "I agree to this exact text": the id of the text on screen and the SHA-256 of the
 * Markdown source that was rendered, hashed here in the browser. The server compares it
 * with its stored hash, so a text changed in between is never silently agreed to.
 */
export function shownText(text: Pick<PolicyText, 'id' | 'body'>): {
  policyTextId: string;
  textHash: string;
} {
  return { policyTextId: text.id, textHash: policyTextHash(text.body) };
}

import type { PolicyText } from '@quorum/domain/consent/policy-text';

/** Texts of one document in the reader's language (another one if missing), newest first. */
export function inLocale(texts: readonly PolicyText[], locale: string): PolicyText[] {
  const byVersion = new Map<number, PolicyText>();
  for (const text of texts) {
    const held = byVersion.get(text.version);
    if (!held || (held.locale !== locale && text.locale === locale))
      byVersion.set(text.version, text);
  }
  return [...byVersion.values()].sort((a, b) => b.version - a.version);
}

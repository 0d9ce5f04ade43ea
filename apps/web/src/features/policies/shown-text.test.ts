import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizePolicyText, policyTextHash } from '@quorum/domain/consent/policy-text';
import { shownText } from './shown-text';

describe('shownText', () => {
  // "Datenschutz für Kunden" with a decomposed ü (u + U+0308) and Windows line endings.
  const typed = '# Datenschutz fu\u0308r Kunden\r\n\r\nGrüße aus Mu\u0308nchen.\r\n';
  const stored = normalizePolicyText(typed);

  it('hashes like the domain does for the stored (NFC, LF) text', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    expect(shownText({ id, body: typed })).toEqual({
      policyTextId: id,
      textHash: policyTextHash(stored),
    });
  });

  it('equals an independent SHA-256 of the NFC- and LF-normalized UTF-8 bytes', () => {
    const expected = createHash('sha256')
      .update(
        Buffer.from('# Datenschutz f\u00fcr Kunden\n\nGr\u00fc\u00dfe aus M\u00fcnchen.\n', 'utf8'),
      )
      .digest('hex');
    expect(shownText({ id: 'x', body: typed }).textHash).toBe(expected);
    expect(shownText({ id: 'x', body: stored }).textHash).toBe(expected);
  });
});

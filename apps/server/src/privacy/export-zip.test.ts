import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportContents } from '@quorum/domain/privacy/privacy-use-cases';
import type { Locale } from '@quorum/domain/shared/locale';
import { exportZip } from './export-zip.js';

const contentsFor = (locale: Locale): ExportContents => ({
  formatVersion: 1,
  generatedAt: '2026-12-02T09:00:00.000Z',
  account: { id: 'acc-1', email: 'ada@example.org', displayName: 'Ada', locale, createdAt: '2026-01-01T00:00:00.000Z' },
  tables: [],
  rows: () => Promise.resolve([]),
});

async function readme(locale: Locale): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of exportZip(contentsFor(locale))) chunks.push(chunk);
  const zip = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    zip.set(chunk, at);
    at += chunk.length;
  }
  return strFromU8(unzipSync(zip)['README.txt']!);
}

describe('the export README', () => {
  it('speaks German to a German member first, with the English text below', async () => {
    const text = await readme('de');
    expect(text.startsWith('Quorum-Datenexport')).toBe(true);
    expect(text.replace(/\s+/g, ' ')).toContain('Antworten auf anonyme Umfragen sind ohne jede Verbindung zu dir gespeichert');
    expect(text.indexOf('Quorum data export')).toBeGreaterThan(text.indexOf('Quorum-Datenexport'));
  });

  it('is English only for an English member', async () => {
    const text = await readme('en');
    expect(text.startsWith('Quorum data export')).toBe(true);
    expect(text).not.toContain('Datenexport');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { domainErrorCodes } from '@quorum/domain/shared/domain-error';
import { surveyIssueCodes } from '@quorum/domain/surveys/survey-issues';
import de from './catalog-de';
import en from './catalog-en';
import { addArea, type Catalog as Tree } from './catalogs';

const trees = { de, en };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The texts areas add when their routes load (locales/route/), checked like the rest. */
const routeFiles = import.meta.glob<Tree>('../features/*/locales/route/*.json', {
  eager: true,
  import: 'default',
});
const assembled = { de: { ...trees.de }, en: { ...trees.en } };
for (const [file, part] of Object.entries(routeFiles)) {
  addArea(assembled[file.endsWith('/de.json') ? 'de' : 'en'], file, part);
}
const catalogs = { de: flatten(assembled.de), en: flatten(assembled.en) };
const here = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The domain's validation keys, read from its zod schemas (`{ error: 'key' }`, custom issues). */
function domainValidationKeys(): string[] {
  const domainSrc = fileURLToPath(new URL('../../../../packages/domain/src', import.meta.url));
  const keys = new Set<string>();
  for (const file of sourceFiles(domainSrc)) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(?:error: |addIssue\(\{[^}]*message: )'([a-z_]+)'/g,
    ))
      keys.add(match[1]!);
  }
  return [...keys].sort();
}

describe('translations', () => {
  it('assembles the shared catalog and every feature file', () => {
    expect(catalogs.en.get('common.cancel')).toBe('Cancel');
    expect(catalogs.de.get('signIn.title')).toBeTruthy();
    expect(catalogs.en.get('privacyCenter.title')).toBeTruthy();
  });

  it('German and English have exactly the same keys', () => {
    expect([...catalogs.de.keys()].sort()).toEqual([...catalogs.en.keys()].sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of catalogs.en) {
      expect(text.trim(), key).not.toBe('');
      expect(catalogs.de.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(catalogs.de.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it.each(Object.keys(catalogs))('translates every domain error code in %s', (locale) => {
    const catalog = catalogs[locale as keyof typeof catalogs];
    const missing = domainErrorCodes.filter((code) => !catalog.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(catalogs))(
    'translates every validation key of the domain schemas in %s',
    (locale) => {
      const catalog = catalogs[locale as keyof typeof catalogs];
      const keys = domainValidationKeys();
      expect(keys.length).toBeGreaterThan(20);
      expect(keys.filter((key) => !catalog.has(`validation.${key}`))).toEqual([]);
    },
  );

  it.each(Object.keys(catalogs))('translates every survey issue code in %s', (locale) => {
    // Definition and response issues are shown as `validation.<code>` with their params.
    const catalog = catalogs[locale as keyof typeof catalogs];
    expect(surveyIssueCodes.filter((code) => !catalog.has(`validation.${code}`))).toEqual([]);
  });

  it('has every literal key the source code asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(here, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g))
        used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const plural = (key: string) =>
      catalogs.en.has(`${key}_one`) && catalogs.en.has(`${key}_other`);
    expect([...used].filter((key) => !catalogs.en.has(key) && !plural(key))).toEqual([]);
  });
});

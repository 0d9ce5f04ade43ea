import { describe, expect, it } from 'vitest';
import { checkBudgets, pageScripts } from './page-weight.mjs';

const manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_framework.js'],
    dynamicImports: ['src/a-page.tsx', 'src/b-page.tsx', 'src/catalog-de.ts', 'src/catalog-en.ts'],
  },
  'src/catalog-de.ts': { file: 'assets/catalog-de.js', isDynamicEntry: true },
  'src/catalog-en.ts': { file: 'assets/catalog-en.js', isDynamicEntry: true },
  '_framework.js': { file: 'assets/framework.js' },
  'src/a-page.tsx': {
    file: 'assets/a-page.js',
    isDynamicEntry: true,
    imports: ['_charts.js', '_framework.js'],
    css: ['assets/a.css'],
  },
  '_charts.js': { file: 'assets/charts.js', imports: ['_framework.js'] },
  'src/b-page.tsx': {
    file: 'assets/b-page.js',
    isDynamicEntry: true,
    dynamicImports: ['src/a-page.tsx'],
  },
  'a.css': { file: 'assets/a.css' },
};

describe('page weight', () => {
  it('counts the shell and the page with its static imports, not what it may load later', () => {
    expect(pageScripts(manifest, ['src/a-page.tsx'])).toEqual([
      'assets/a-page.js',
      'assets/charts.js',
      'assets/framework.js',
      'assets/index.js',
    ]);
    expect(pageScripts(manifest, ['src/b-page.tsx'])).toEqual([
      'assets/b-page.js',
      'assets/framework.js',
      'assets/index.js',
    ]);
  });

  it('fails a page over its budget and one whose module the build does not have', () => {
    const sizeOf = (file) => ({ 'assets/charts.js': 60_000 })[file] ?? 10_000;
    const budgets = {
      pages: [
        { name: 'a', modules: ['src/a-page.tsx'], budgetKb: 90 },
        { name: 'b', modules: ['src/b-page.tsx'], budgetKb: 90 },
      ],
    };
    expect(
      checkBudgets({ manifest, budgets, sizeOf }).map(({ name, kb, ok }) => [name, kb, ok]),
    ).toEqual([
      ['a', 90, true],
      ['b', 30, true],
    ]);
    budgets.pages[0].budgetKb = 89.9;
    expect(checkBudgets({ manifest, budgets, sizeOf })[0].ok).toBe(false);
    expect(() =>
      checkBudgets({
        manifest,
        budgets: { pages: [{ name: 'x', modules: ['src/gone.tsx'], budgetKb: 1 }] },
        sizeOf,
      }),
    ).toThrow('src/gone.tsx');
  });

  it('adds what the shell loads before every page: the heaviest of each group (one catalog per language)', () => {
    const sizeOf = (file) => ({ 'assets/catalog-de.js': 14_000, 'assets/catalog-en.js': 12_000 })[file] ?? 10_000;
    const budgets = {
      shellLoadsOneOf: [['src/catalog-de.ts', 'src/catalog-en.ts']],
      pages: [{ name: 'b', modules: ['src/b-page.tsx'], budgetKb: 44 }],
    };
    expect(checkBudgets({ manifest, budgets, sizeOf })[0]).toMatchObject({
      kb: 44,
      ok: true,
      files: ['assets/b-page.js', 'assets/catalog-de.js', 'assets/framework.js', 'assets/index.js'],
    });
  });

  it('counts a page with an HTML entry of its own without the shell, with its own groups', () => {
    const sizeOf = (file) => ({ 'assets/light-de.js': 5_000, 'assets/light-en.js': 4_000 })[file] ?? 10_000;
    const withLight = {
      ...manifest,
      'light.html': { file: 'assets/light.js', isEntry: true, imports: ['_framework.js'], dynamicImports: ['src/light-de.ts', 'src/light-en.ts'] },
      'src/light-de.ts': { file: 'assets/light-de.js', isDynamicEntry: true },
      'src/light-en.ts': { file: 'assets/light-en.js', isDynamicEntry: true },
    };
    const budgets = {
      shellLoadsOneOf: [['src/catalog-de.ts', 'src/catalog-en.ts']],
      pages: [
        { name: 'light', entry: 'light.html', loadsOneOf: [['src/light-de.ts', 'src/light-en.ts']], budgetKb: 25 },
        { name: 'b', modules: ['src/b-page.tsx'], budgetKb: 40 },
      ],
    };
    const [light, shellPage] = checkBudgets({ manifest: withLight, budgets, sizeOf });
    expect(light).toMatchObject({ kb: 25, ok: true, files: ['assets/framework.js', 'assets/light-de.js', 'assets/light.js'] });
    // The shell's pages still count index.html, though the build now has two entries.
    expect(shellPage.files).toContain('assets/index.js');
    expect(() => checkBudgets({ manifest, budgets: { pages: [{ name: 'x', entry: 'gone.html', budgetKb: 1 }] }, sizeOf })).toThrow('gone.html');
  });
});

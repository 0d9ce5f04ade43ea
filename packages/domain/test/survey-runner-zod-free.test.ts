import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The respondent's page runs the survey engine in the browser under a page-weight budget
 * (120 KB gzipped) that zod alone would eat a fifth of. Its modules may use zod-built
 * modules for types only (erased); this follows their value imports and finds none.
 */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)';/gm)].filter((match) => !match[1]).map((match) => match[2]!);
}

function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const imports = valueImports(file);
    seen.set(file, imports);
    for (const specifier of imports) if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('the respondent side of the survey engine', () => {
  it.each(['survey-runner.ts', 'survey-logic.ts', 'survey-answer.ts', 'survey-definition-helpers.ts', 'survey-issues.ts'])('%s loads no zod', (file) => {
    const modules = closure(resolve(import.meta.dirname, '../src/surveys', file));
    const withZod = [...modules].filter(([, imports]) => imports.some((specifier) => !specifier.startsWith('.'))).map(([module]) => module);
    expect(withZod).toEqual([]);
    expect(modules.size).toBeGreaterThan(0);
  });
});

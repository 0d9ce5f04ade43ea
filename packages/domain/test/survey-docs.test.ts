import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSurveyDefinition } from '../src/surveys/survey-check.js';

/**
 * docs/survey-definition.md shows every feature by example; this keeps the examples true.
 * `json survey` blocks must be accepted, `json question` blocks as the only question of a
 * survey, `json survey refused:<code>` blocks refused with that code.
 */
const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/survey-definition.md'), 'utf8');
const blocks = [...doc.matchAll(/^```json (survey|question)(?: refused:([a-z_]+))?\n([\s\S]*?)^```$/gm)].map((match) => ({
  kind: match[1]!,
  refused: match[2],
  json: JSON.parse(match[3]!) as Record<string, unknown>,
}));

const wrap = (question: unknown) => ({ schemaVersion: 1, title: { en: 'Example' }, pages: [{ id: 'page', questions: [question] }] });

describe('docs/survey-definition.md', () => {
  it('has examples of every question type', () => {
    const types = new Set(blocks.filter((block) => block.kind === 'question').map((block) => block.json.type));
    expect([...types].sort()).toEqual(['date', 'dropdown', 'long_text', 'matrix', 'multiple_choice', 'nps', 'number', 'ranking', 'rating', 'short_text', 'single_choice', 'yes_no']);
  });

  it.each(blocks.map((block, index) => [index, block] as const))('example %i is what the text says', (_index, block) => {
    const result = parseSurveyDefinition(block.kind === 'question' ? wrap(block.json) : block.json);
    if (block.refused) expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toContain(block.refused);
    else expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

import type { SurveyIssue } from './survey-issues.js';
import type { SurveyDefinition } from './survey-definition.js';

/** Keys whose values are words people read, not structure: they may change in place. */
const textKeys = new Set(['title', 'description', 'text', 'help', 'label', 'minLabel', 'maxLabel']);

/** The definition with every text and the presentation settings left out. */
function structureOf(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => structureOf(item, 'item'));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([name, item]) => !textKeys.has(name) && item !== undefined && !(key === undefined && name === 'settings'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, item]) => [name, structureOf(item, name)]);
  return Object.fromEntries(entries);
}

function differences(before: unknown, after: unknown, path: SurveyIssue['path'], out: SurveyIssue[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, at) => differences(item, after[at], [...path, at], out));
    return;
  }
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) differences(before[key], after[key], [...path, key], out);
    return;
  }
  out.push({ code: 'structure_changed', path });
}

/**
 * What changed between two definitions beyond wording: ids, order, types, options, ranges,
 * required, logic. Once a survey has responses such a change publishes a new version
 * (responses keep the version they answered); wording and the back / progress settings
 * may be corrected in place. Matrix columns count by position (stored answers keep it),
 * so reordering them is structural too.
 */
export function structuralChanges(before: SurveyDefinition, after: SurveyDefinition): SurveyIssue[] {
  const out: SurveyIssue[] = [];
  differences(structureOf(before), structureOf(after), [], out);
  return out;
}

export function isStructuralChange(before: SurveyDefinition, after: SurveyDefinition): boolean {
  return structuralChanges(before, after).length > 0;
}

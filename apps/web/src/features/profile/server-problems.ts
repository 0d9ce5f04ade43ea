import type { ProfileAttribute } from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import type { AnswerProblem } from './attribute-answers';

/**
 * The server refuses a wrong answer with ATTRIBUTE_VALUE_INVALID and names the attribute
 * (by key) and the reason in `data.details`: put it on that field. Null when the error
 * is about something else.
 */
export function problemsFromServer(
  error: unknown,
  attributes: readonly Pick<ProfileAttribute, 'id' | 'key'>[],
): Record<Id, AnswerProblem> | null {
  const data = (error as { data?: { domainCode?: unknown; details?: unknown } } | null)?.data;
  if (data?.domainCode !== 'ATTRIBUTE_VALUE_INVALID') return null;
  const details = (data.details ?? {}) as { attribute?: unknown; reason?: unknown };
  const attribute = attributes.find((candidate) => candidate.key === details.attribute);
  if (!attribute) return null;
  const reason = typeof details.reason === 'string' ? details.reason : 'not_text';
  return { [attribute.id]: reason as AnswerProblem };
}

import {
  parseAttributeValue,
  type AttributeValue,
  type ProfileAttribute,
} from '@quorum/domain/communities/profile-attribute';
import { isDomainError } from '@quorum/domain/shared/domain-error';
import type { Id } from '@quorum/domain/shared/ids';

/** What a form control holds: text for most types, the ticked values for multiple choice. */
export type RawAnswer = string | string[];

/** Why an answer is refused: the domain's reasons, plus a required answer left empty. */
export type AnswerProblem =
  'required' | 'not_an_option' | 'not_a_number' | 'not_a_date' | 'not_text' | 'empty' | 'too_long';

type Attribute = Pick<ProfileAttribute, 'id' | 'key' | 'type' | 'options' | 'required'>;

export function rawFromValue(attribute: Attribute, value: AttributeValue | undefined): RawAnswer {
  if (attribute.type === 'multiple_choice') return Array.isArray(value) ? value : [];
  return value === undefined ? '' : String(value);
}

const isEmpty = (raw: RawAnswer) => (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '');

/** One control's content as the value the server expects, or why it cannot be one. */
export function valueFromRaw(
  attribute: Attribute,
  raw: RawAnswer,
): { value: AttributeValue | null } | { problem: AnswerProblem } {
  if (isEmpty(raw)) return attribute.required ? { problem: 'required' } : { value: null };
  const typed =
    attribute.type === 'number' && typeof raw === 'string'
      ? Number(raw.trim().replace(',', '.'))
      : raw;
  try {
    return { value: parseAttributeValue(attribute, typed) };
  } catch (error) {
    const reason = isDomainError(error) ? error.details?.reason : undefined;
    return { problem: (typeof reason === 'string' ? reason : 'not_text') as AnswerProblem };
  }
}

/**
 * Every answer of a form, checked with the domain's rule before sending (the server
 * checks again): the answers to send (null clears an optional one) and the problems.
 */
export function collectAnswers(
  attributes: readonly Attribute[],
  raws: Readonly<Record<Id, RawAnswer>>,
): { answers: Record<Id, AttributeValue | null>; problems: Record<Id, AnswerProblem> } {
  const answers: Record<Id, AttributeValue | null> = {};
  const problems: Record<Id, AnswerProblem> = {};
  for (const attribute of attributes) {
    const result = valueFromRaw(
      attribute,
      raws[attribute.id] ?? rawFromValue(attribute, undefined),
    );
    if ('problem' in result) problems[attribute.id] = result.problem;
    else answers[attribute.id] = result.value;
  }
  return { answers, problems };
}

/**
 * A problem found in a definition or a response: a stable code (the web translates it
 * as `surveyIssues.<code>`), the path to the offending place in the JSON, and parameters
 * for the message (question, page, option, limits).
 */
export interface SurveyIssue {
  code: string;
  path: (string | number)[];
  params?: Record<string, string | number>;
}

/** Codes the schema (zod) gives a definition file that does not have the right shape. */
export const schemaIssueCodes = [
  'json_invalid',
  'nesting_too_deep',
  'definition_invalid',
  'schema_version_unsupported',
  'type_invalid',
  'too_large',
  'too_small',
  'key_unknown',
  'key_invalid',
  'value_invalid',
  'id_invalid',
  'option_value_invalid',
  'attribute_key_invalid',
  'date_invalid',
  'text_invalid',
  'text_missing',
  'text_empty',
  'text_too_long',
  'question_type_invalid',
  'options_too_few',
  'options_too_many',
  'rows_too_few',
  'rows_too_many',
  'page_empty',
  'page_too_many_questions',
  'pages_too_few',
  'pages_too_many',
  'questions_too_many',
  'condition_invalid',
  'condition_value_invalid',
  'condition_value_mismatch',
  'operator_invalid',
  'jump_target_invalid',
] as const;

/** Codes of the definition checker (what the schema cannot see). */
export const definitionIssueCodes = [
  'page_id_duplicate',
  'ending_id_duplicate',
  'question_id_duplicate',
  'option_value_duplicate',
  'exclusive_not_allowed',
  'picks_range_invalid',
  'picks_exceed_options',
  'rating_range_invalid',
  'rating_step_invalid',
  'rating_too_many_points',
  'number_range_invalid',
  'date_range_invalid',
  'question_missing',
  'question_not_earlier',
  'condition_too_deep',
  'attribute_missing',
  'row_unknown',
  'row_required',
  'row_not_allowed',
  'operator_not_allowed',
  'value_type_mismatch',
  'option_unknown',
  'rule_unreachable',
  'page_missing',
  'jump_not_forward',
  'ending_missing',
  'page_unreachable',
  'ending_unreachable',
] as const;

/** Codes for one answer that does not fit its question (`checkAnswer`). */
export const answerProblemCodes = [
  'answer_type_invalid',
  'option_unknown',
  'other_not_allowed',
  'other_text_unexpected',
  'other_text_missing',
  'other_text_too_long',
  'choices_duplicate',
  'exclusive_combined',
  'picks_too_few',
  'picks_too_many',
  'value_too_small',
  'value_too_large',
  'value_off_step',
  'decimals_too_many',
  'answer_too_long',
  'answer_one_line',
  'date_invalid',
  'date_too_early',
  'date_too_late',
  'row_unknown',
  'ranking_incomplete',
] as const;

/** Codes for a response as a whole (`checkResponse`, the transport schema). */
export const responseIssueCodes = ['answers_invalid', 'answers_too_many', 'question_unknown', 'answer_required', 'matrix_incomplete'] as const;

/** Every code a survey issue can carry: the web has a message for each. */
export const surveyIssueCodes: readonly string[] = [
  ...new Set<string>([...schemaIssueCodes, ...definitionIssueCodes, ...answerProblemCodes, ...responseIssueCodes, 'structure_changed']),
];

import { z } from 'zod';
import {
  comparisonOperators,
  isCalendarDate,
  LONG_TEXT_MAX,
  MAX_DECIMALS,
  MAX_MATRIX_COLUMNS,
  MAX_MATRIX_ROWS,
  MAX_OPTIONS,
  MAX_PAGES,
  MAX_QUESTIONS,
  MAX_QUESTIONS_PER_PAGE,
  MAX_ENDINGS,
  MAX_RANKING_OPTIONS,
  MAX_RULES_PER_PAGE,
  presenceOperators,
  SHORT_TEXT_MAX,
  SURVEY_SCHEMA_VERSION,
  type Condition,
  type ConditionValue,
  type Operator,
  type QuestionType,
} from './survey-definition-helpers.js';

/**
 * The survey definition: the JSON staff upload, export and re-import. Versioned by
 * `schemaVersion` (the format), not to be confused with a survey's published version
 * (which definition a response answered). Every object is strict: an unknown key is
 * refused, so a typo or a file that is not a definition never passes silently.
 * Error messages are stable codes (`validation.<code>` in the web's catalogs).
 */

const localizedText = (max: number) =>
  z
    .strictObject({
      de: z.string().trim().min(1, { error: 'text_empty' }).max(max, { error: 'text_too_long' }).optional(),
      en: z.string().trim().min(1, { error: 'text_empty' }).max(max, { error: 'text_too_long' }).optional(),
    }, { error: (issue) => (issue.code === 'invalid_type' ? 'text_invalid' : undefined) })
    .refine((text) => text.de !== undefined || text.en !== undefined, { error: 'text_missing' });

/** Ids are keys people write in JSON and read in exports: short, lower-case, stable. */
const keySchema = z.string({ error: 'id_invalid' }).regex(/^[a-z][a-z0-9_]{0,47}$/, { error: 'id_invalid' });
export const questionIdSchema = keySchema;
export const pageIdSchema = keySchema;
export const endingIdSchema = keySchema;
export const optionValueSchema = z
  .string({ error: 'option_value_invalid' })
  .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, { error: 'option_value_invalid' });
export const attributeKeySchema = z.string({ error: 'attribute_key_invalid' }).regex(/^[a-z][a-z0-9_]{1,47}$/, { error: 'attribute_key_invalid' });
const dateSchema = z.string({ error: 'date_invalid' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_invalid' }).refine(isCalendarDate, { error: 'date_invalid' });

// ---------------------------------------------------------------- conditions

const conditionValueSchema = z.union([z.string().max(500), z.number().finite(), z.boolean()], { error: 'condition_value_invalid' });
const operand = { op: z.enum([...comparisonOperators, ...presenceOperators], { error: 'operator_invalid' }), value: conditionValueSchema.optional() };
const needsValue = (comparison: { op: Operator; value?: ConditionValue | undefined }) =>
  (presenceOperators as readonly string[]).includes(comparison.op) === (comparison.value === undefined);

/**
 * A condition is told apart by its key (`all`, `any`, `not`, `question`, `attribute`), and
 * that branch alone reports problems — so an author reads "operator_invalid at …op", not
 * "none of five shapes matched". `z.lazy` builds the branches once, on first use (they
 * refer to `conditionSchema` itself).
 */
export const conditionSchema: z.ZodType<Condition, unknown> = z.lazy(() => {
  const branches: [string, z.ZodType][] = [
    ['all', z.strictObject({ all: z.array(conditionSchema).max(50) })],
    ['any', z.strictObject({ any: z.array(conditionSchema).max(50) })],
    ['not', z.strictObject({ not: conditionSchema })],
    ['question', z.strictObject({ question: questionIdSchema, row: optionValueSchema.optional(), ...operand }).refine(needsValue, { error: 'condition_value_mismatch' })],
    ['attribute', z.strictObject({ attribute: attributeKeySchema, ...operand }).refine(needsValue, { error: 'condition_value_mismatch' })],
  ];
  return z.unknown().transform((value, ctx) => {
    const branch = typeof value === 'object' && value !== null && !Array.isArray(value) ? branches.find(([key]) => key in value) : undefined;
    if (!branch) {
      ctx.addIssue({ code: 'custom', message: 'condition_invalid', input: value });
      return z.NEVER;
    }
    const parsed = branch[1].safeParse(value);
    if (parsed.success) return parsed.data as Condition;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: value } as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
});

// ---------------------------------------------------------------- questions

const optionSchema = z.strictObject({
  value: optionValueSchema,
  label: localizedText(500),
  /** "None of these": picking it clears every other pick (multiple choice only). */
  exclusive: z.boolean().optional(),
});
export type Option = z.infer<typeof optionSchema>;
const options = (max: number) => z.array(optionSchema).min(2, { error: 'options_too_few' }).max(max, { error: 'options_too_many' });

const base = {
  id: questionIdSchema,
  text: localizedText(1000),
  help: localizedText(2000).optional(),
  required: z.boolean().default(false),
  /** Shown only while this holds; hidden questions' answers are dropped. */
  visibleIf: conditionSchema.optional(),
};
/** Shuffled per respondent, stable for them (seeded by respondent key + question id). */
const randomize = z.boolean().default(false);

const singleChoiceSchema = z.strictObject({ ...base, type: z.literal('single_choice'), options: options(MAX_OPTIONS), other: z.boolean().default(false), randomize });
const dropdownSchema = z.strictObject({ ...base, type: z.literal('dropdown'), options: options(MAX_OPTIONS), other: z.boolean().default(false), randomize });
const multipleChoiceSchema = z.strictObject({
  ...base,
  type: z.literal('multiple_choice'),
  options: options(MAX_OPTIONS),
  other: z.boolean().default(false),
  randomize,
  minPicks: z.int().min(0).max(MAX_OPTIONS).optional(),
  maxPicks: z.int().min(1).max(MAX_OPTIONS).optional(),
});
const yesNoSchema = z.strictObject({ ...base, type: z.literal('yes_no') });
const ratingSchema = z.strictObject({
  ...base,
  type: z.literal('rating'),
  min: z.int().min(-100).max(100).default(1),
  max: z.int().min(-100).max(100).default(5),
  step: z.number().positive().max(100).default(1),
  minLabel: localizedText(200).optional(),
  maxLabel: localizedText(200).optional(),
});
const npsSchema = z.strictObject({ ...base, type: z.literal('nps'), minLabel: localizedText(200).optional(), maxLabel: localizedText(200).optional() });
const shortTextSchema = z.strictObject({ ...base, type: z.literal('short_text'), maxLength: z.int().min(1).max(SHORT_TEXT_MAX).default(SHORT_TEXT_MAX) });
const longTextSchema = z.strictObject({ ...base, type: z.literal('long_text'), maxLength: z.int().min(1).max(LONG_TEXT_MAX).default(LONG_TEXT_MAX) });
const numberSchema = z.strictObject({
  ...base,
  type: z.literal('number'),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  decimals: z.int().min(0).max(MAX_DECIMALS).default(0),
});
const dateQuestionSchema = z.strictObject({ ...base, type: z.literal('date'), min: dateSchema.optional(), max: dateSchema.optional() });
const matrixSchema = z.strictObject({
  ...base,
  type: z.literal('matrix'),
  rows: z.array(optionSchema).min(1, { error: 'rows_too_few' }).max(MAX_MATRIX_ROWS, { error: 'rows_too_many' }),
  columns: options(MAX_MATRIX_COLUMNS),
  /** Shuffles the rows; the scale (columns) keeps its order. */
  randomize,
});
const rankingSchema = z.strictObject({ ...base, type: z.literal('ranking'), options: options(MAX_RANKING_OPTIONS), randomize });

export const questionSchema = z.discriminatedUnion(
  'type',
  [
    singleChoiceSchema,
    multipleChoiceSchema,
    dropdownSchema,
    yesNoSchema,
    ratingSchema,
    npsSchema,
    shortTextSchema,
    longTextSchema,
    numberSchema,
    dateQuestionSchema,
    matrixSchema,
    rankingSchema,
  ],
  { error: 'question_type_invalid' },
);
export type Question = z.infer<typeof questionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
export type ChoiceQuestion = QuestionOf<'single_choice' | 'multiple_choice' | 'dropdown'>;

// ---------------------------------------------------------------- pages, endings, definition

/** Where a page's skip rule leads: a later page, or straight to an end screen. */
export type JumpTarget = { page: string } | { ending: string };
const skipRuleSchema = z.strictObject({
  /** Without a condition the rule always applies. */
  if: conditionSchema.optional(),
  to: z.union([z.strictObject({ page: pageIdSchema }), z.strictObject({ ending: endingIdSchema })], { error: 'jump_target_invalid' }),
});
export type SkipRule = z.infer<typeof skipRuleSchema>;

const pageSchema = z.strictObject({
  id: pageIdSchema,
  title: localizedText(300).optional(),
  description: localizedText(2000).optional(),
  visibleIf: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1, { error: 'page_empty' }).max(MAX_QUESTIONS_PER_PAGE, { error: 'page_too_many_questions' }),
  /** Checked in order after the page is answered; the first that holds jumps. */
  skip: z.array(skipRuleSchema).max(MAX_RULES_PER_PAGE).default([]),
});
export type Page = z.infer<typeof pageSchema>;

const endingSchema = z.strictObject({
  id: endingIdSchema,
  title: localizedText(300),
  text: localizedText(5000).optional(),
  /** The first ending whose condition holds is shown; one without a condition always holds. */
  showIf: conditionSchema.optional(),
});
export type Ending = z.infer<typeof endingSchema>;

const settingsSchema = z.strictObject({
  allowBack: z.boolean().default(true),
  showProgress: z.boolean().default(true),
});

export const surveyDefinitionSchema = z.strictObject(
  {
    schemaVersion: z.literal(SURVEY_SCHEMA_VERSION, { error: 'schema_version_unsupported' }),
    title: localizedText(300),
    description: localizedText(5000).optional(),
    settings: settingsSchema.default({ allowBack: true, showProgress: true }),
    pages: z.array(pageSchema).min(1, { error: 'pages_too_few' }).max(MAX_PAGES, { error: 'pages_too_many' }),
    endings: z.array(endingSchema).max(MAX_ENDINGS).default([]),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'definition_invalid' : undefined) },
).refine((definition) => definition.pages.reduce((count, page) => count + page.questions.length, 0) <= MAX_QUESTIONS, {
  error: 'questions_too_many',
  path: ['pages'],
});
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
/** What a JSON file must look like before defaults are filled in. */
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;


import { z } from 'zod';
import type { AnswerValue } from './survey-answer.js';
import { LONG_TEXT_MAX, MAX_QUESTIONS, OTHER_TEXT_MAX } from './survey-definition-helpers.js';
import { questionIdSchema } from './survey-definition.js';

/**
 * The transport shape of answers (tRPC input, local storage). It only bounds sizes, so
 * a 1 MB text is refused at the door; `checkAnswer` decides what fits a question.
 */
const answerText = z.string().max(LONG_TEXT_MAX, { error: 'answer_too_long' });
const answerKey = z.string().max(48);
const otherText = z.string().max(OTHER_TEXT_MAX, { error: 'other_text_too_long' }).optional();
const answerShapes = {
  text: answerText,
  number: z.number().finite(),
  boolean: z.boolean(),
  ranking: z.array(answerKey).max(100),
  choice: z.strictObject({ choice: answerKey, other: otherText }),
  choices: z.strictObject({ choices: z.array(answerKey).max(100), other: otherText }),
  matrix: z.record(answerKey, answerKey),
};
const answerBranch = (value: unknown): z.ZodType | undefined => {
  if (typeof value === 'string') return answerShapes.text;
  if (typeof value === 'number') return answerShapes.number;
  if (typeof value === 'boolean') return answerShapes.boolean;
  if (Array.isArray(value)) return answerShapes.ranking;
  if (typeof value !== 'object' || value === null) return undefined;
  if ('choice' in value) return answerShapes.choice;
  if ('choices' in value) return answerShapes.choices;
  return answerShapes.matrix;
};
/** Told apart by the value's JSON type, so a too-long text says `answer_too_long`, not "no shape matched". */
export const answerValueSchema: z.ZodType<AnswerValue, unknown> = z.unknown().transform((value, ctx) => {
  const branch = answerBranch(value);
  if (!branch) {
    ctx.addIssue({ code: 'custom', message: 'answer_type_invalid', input: value });
    return z.NEVER;
  }
  const parsed = branch.safeParse(value);
  if (parsed.success) return parsed.data as AnswerValue;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, input: value } as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});
export const answersSchema = z
  .record(questionIdSchema, answerValueSchema)
  .refine((answers) => Object.keys(answers).length <= MAX_QUESTIONS, { error: 'answers_too_many' });


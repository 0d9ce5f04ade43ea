import { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';
import { locales, type Locale } from '../shared/locale.js';

/**
 * Profile attributes: questions staff define per community (region, product owned,
 * customer since…), answered by members on their community profile. Using them to
 * target people needs the profile-targeting consent (see consent-gate).
 */
export const attributeTypes = ['single_choice', 'multiple_choice', 'number', 'date', 'text'] as const;
export type AttributeType = (typeof attributeTypes)[number];

export type LocalizedLabel = Record<Locale, string>;

export interface AttributeOption {
  value: string;
  label: LocalizedLabel;
}

export interface ProfileAttribute {
  id: Id;
  communityId: Id;
  key: string;
  type: AttributeType;
  label: LocalizedLabel;
  /** Choices for single/multiple choice; empty otherwise. */
  options: AttributeOption[];
  /** Required attributes are asked for when joining. */
  required: boolean;
  position: number;
  createdAt: Date;
}

/** The stored value: a string (single choice, date as YYYY-MM-DD, text), strings, or a number. */
export type AttributeValue = string | number | string[];

export interface ProfileValue {
  communityId: Id;
  accountId: Id;
  attributeId: Id;
  value: AttributeValue;
  updatedAt: Date;
}

const labelSchema = z.object(
  Object.fromEntries(
    locales.map((locale) => [locale, z.string().trim().min(1, { error: 'label_required' }).max(120, { error: 'label_too_long' })]),
  ) as Record<Locale, z.ZodString>,
);

const optionValueSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, { error: 'option_value_invalid' });

export const attributeDefinitionInputSchema = z
  .object({
    communityId: idSchema,
    key: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, { error: 'attribute_key_invalid' }),
    type: z.enum(attributeTypes, { error: 'attribute_type_invalid' }),
    label: labelSchema,
    options: z.array(z.object({ value: optionValueSchema, label: labelSchema })).max(100).default([]),
    required: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    const choice = input.type === 'single_choice' || input.type === 'multiple_choice';
    if (choice && input.options.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options_required' });
    }
    if (!choice && input.options.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options_not_allowed' });
    }
    const values = input.options.map((option) => option.value);
    if (new Set(values).size !== values.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options_duplicate' });
    }
  });
export type AttributeDefinitionInput = z.infer<typeof attributeDefinitionInputSchema>;

export const TEXT_VALUE_MAX = 500;

/**
 * Checks one answer against its attribute and returns it in stored form. A value of the
 * wrong type is refused with ATTRIBUTE_VALUE_INVALID naming the attribute.
 */
export function parseAttributeValue(attribute: Pick<ProfileAttribute, 'key' | 'type' | 'options'>, raw: unknown): AttributeValue {
  const invalid = (reason: string) =>
    new DomainError('ATTRIBUTE_VALUE_INVALID', `${attribute.key}: ${reason}`, { attribute: attribute.key, reason });
  const allowed = new Set(attribute.options.map((option) => option.value));
  switch (attribute.type) {
    case 'single_choice':
      if (typeof raw !== 'string' || !allowed.has(raw)) throw invalid('not_an_option');
      return raw;
    case 'multiple_choice': {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string' || !allowed.has(item))) throw invalid('not_an_option');
      return [...new Set(raw as string[])];
    }
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw invalid('not_a_number');
      return raw;
    case 'date': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw invalid('not_a_date');
      const date = new Date(`${raw}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) throw invalid('not_a_date');
      return raw;
    }
    case 'text': {
      if (typeof raw !== 'string') throw invalid('not_text');
      const text = raw.trim();
      if (text.length === 0) throw invalid('empty');
      if (text.length > TEXT_VALUE_MAX) throw invalid('too_long');
      return text;
    }
  }
}

/** Which required attributes a set of answers still lacks (asked for when joining). */
export function missingRequired(attributes: readonly ProfileAttribute[], answered: ReadonlySet<Id>): ProfileAttribute[] {
  return attributes.filter((attribute) => attribute.required && !answered.has(attribute.id));
}

/** Answers travel as attribute id → raw value; `null` clears an optional answer. */
export const profileAnswersInputSchema = z.object({
  communityId: idSchema,
  answers: z.record(idSchema, z.union([z.string(), z.number(), z.array(z.string()), z.null()])),
});

import {
  attributeDefinitionInputSchema,
  type AttributeType,
  type ProfileAttribute,
} from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import type { Locale } from '@quorum/domain/shared/locale';

/** The attribute editor's state: what the owner typed, before the domain schema checks it. */
export interface AttributeDraft {
  key: string;
  type: AttributeType;
  label: Record<Locale, string>;
  options: { value: string; label: Record<Locale, string> }[];
  required: boolean;
}

export const isChoice = (type: AttributeType) =>
  type === 'single_choice' || type === 'multiple_choice';

export const emptyOption = () => ({ value: '', label: { de: '', en: '' } });

export function newDraft(): AttributeDraft {
  return {
    key: '',
    type: 'single_choice',
    label: { de: '', en: '' },
    options: [emptyOption(), emptyOption()],
    required: false,
  };
}

export function draftOf(attribute: ProfileAttribute): AttributeDraft {
  return {
    key: attribute.key,
    type: attribute.type,
    label: { ...attribute.label },
    options: attribute.options.map((option) => ({
      value: option.value,
      label: { ...option.label },
    })),
    required: attribute.required,
  };
}

/**
 * The draft as the server's input, checked with the domain's schema. Options only count
 * for choice types (switching the type away from a choice drops them). Problems are
 * keyed by their dotted path ("label.de", "options.1.value", "options").
 */
export function checkDraft(communityId: Id, draft: AttributeDraft) {
  const result = attributeDefinitionInputSchema.safeParse({
    communityId,
    ...draft,
    options: isChoice(draft.type) ? draft.options : [],
  });
  if (result.success) return { input: result.data, problems: {} };
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) problems[issue.path.join('.')] ??= issue.message;
  return { input: null, problems };
}

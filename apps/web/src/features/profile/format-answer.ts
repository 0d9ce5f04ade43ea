import type {
  AttributeValue,
  ProfileAttribute,
} from '@quorum/domain/communities/profile-attribute';
import { currentLocale } from '../../i18n/i18n';

/** A stored answer as a reader sees it: option labels in the page's language, dates localized. */
export function formatAnswer(
  attribute: Pick<ProfileAttribute, 'type' | 'options'>,
  value: AttributeValue,
): string {
  const locale = currentLocale();
  const optionLabel = (choice: string) => {
    const option = attribute.options.find((candidate) => candidate.value === choice);
    return option ? option.label[locale] || option.label.en : choice;
  };
  if (Array.isArray(value)) return value.map(optionLabel).join(', ');
  if (attribute.type === 'single_choice' && typeof value === 'string') return optionLabel(value);
  if (attribute.type === 'date' && typeof value === 'string')
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return value;
}

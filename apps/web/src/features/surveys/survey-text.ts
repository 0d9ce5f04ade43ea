import type { LocalizedText } from '@quorum/domain/surveys/survey-definition-helpers';
import type { SurveyStatus } from '@quorum/domain/surveys/survey-lifecycle';
import { currentLocale } from '../../i18n/i18n';

/** A survey text in the page's language, else in any language it has. */
export function localText(text: LocalizedText): string {
  return text[currentLocale()] ?? text.de ?? text.en ?? '';
}

export const statusTone: Record<SurveyStatus, 'neutral' | 'primary' | 'success' | 'warning'> = {
  draft: 'neutral',
  scheduled: 'warning',
  open: 'success',
  closed: 'neutral',
  archived: 'neutral',
};

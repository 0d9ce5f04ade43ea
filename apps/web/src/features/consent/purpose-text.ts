import type { LocalizedPurposeText, Purpose } from '@quorum/domain/consent/purpose-register';
import { currentLocale } from '../../i18n/i18n';

/** A purpose's title and plain-language description in the page's language. */
export function purposeText(purpose: Pick<Purpose, 'texts'>): LocalizedPurposeText {
  return purpose.texts[currentLocale()] ?? purpose.texts.en;
}

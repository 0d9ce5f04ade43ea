import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import type { Purpose } from '@quorum/domain/consent/purpose-register';
import { Disclosure } from '../../ui/disclosure';
import { CheckboxField } from '../../ui/fields';
import { purposeText } from '../consent/purpose-text';
import { PolicyTextView } from '../policies/policy-text-view';
import { shownText } from '../policies/shown-text';

export interface SignUpTexts {
  terms: PolicyText;
  privacyNotice: PolicyText;
  minimumAge: number;
  optional: readonly { purpose: Purpose; text: PolicyText }[];
}

const consentField = (purposeId: string) => `consent:${purposeId}`;

/**
 * What sign-up asks besides name, email and password: the minimum age, the terms
 * (accepted explicitly), a pointer to the privacy notice, and each optional purpose on
 * its own — unchecked, with its plain-language description and its full consent text.
 */
export function SignUpAgreements({
  texts,
  fieldError,
}: {
  texts: SignUpTexts;
  fieldError: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const { terms, privacyNotice, optional } = texts;
  return (
    <>
      <fieldset className="choices">
        <legend className="field__label">{t('signUp.required')}</legend>
        <CheckboxField
          name="minimumAgeConfirmed"
          label={t('signUp.minimumAge', { age: texts.minimumAge })}
          error={fieldError('minimumAgeConfirmed')}
        />
        <CheckboxField
          name="termsAccepted"
          label={t('signUp.acceptTerms', { version: terms.version })}
          error={fieldError('termsAccepted') && t('signUp.termsRequired')}
        >
          <Disclosure summary={t('signUp.readTerms', { version: terms.version })}>
            <PolicyTextView body={terms.body} />
          </Disclosure>
        </CheckboxField>
        <p className="small muted">
          {t('signUp.privacyNotice', { version: privacyNotice.version })}{' '}
          <Link to="/privacy" target="_blank" rel="noopener">
            {t('signUp.privacyNoticeLink')}
          </Link>
        </p>
      </fieldset>
      {optional.length > 0 && (
        <fieldset className="choices">
          <legend className="field__label">{t('signUp.optional')}</legend>
          <p className="field__hint">{t('signUp.optionalHint')}</p>
          {optional.map(({ purpose, text }) => {
            const { title, description } = purposeText(purpose);
            return (
              <CheckboxField
                key={purpose.id}
                name={consentField(purpose.id)}
                label={title}
                description={description}
              >
                <Disclosure summary={t('consentText.show', { version: text.version })}>
                  <PolicyTextView body={text.body} />
                </Disclosure>
              </CheckboxField>
            );
          })}
        </fieldset>
      )}
    </>
  );
}

/** The agreement part of the sign-up input, from the form's values (ticked boxes are "on"). */
export function agreementsFromForm(texts: SignUpTexts, values: Record<string, string>) {
  const ticked = (name: string) => values[name] === 'on';
  return {
    minimumAgeConfirmed: ticked('minimumAgeConfirmed'),
    termsAccepted: ticked('termsAccepted') ? shownText(texts.terms) : undefined,
    consents: texts.optional
      .filter(({ purpose }) => ticked(consentField(purpose.id)))
      .map(({ purpose, text }) => ({ purposeId: purpose.id, ...shownText(text) })),
  };
}

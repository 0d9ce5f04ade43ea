import { useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileAttribute } from '@quorum/domain/communities/profile-attribute';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import type { Purpose } from '@quorum/domain/consent/purpose-register';
import type { Id } from '@quorum/domain/shared/ids';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Disclosure } from '../../ui/disclosure';
import { CheckboxField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { purposeText } from '../consent/purpose-text';
import { PolicyTextView } from '../policies/policy-text-view';
import { shownText } from '../policies/shown-text';
import { collectAnswers, type AnswerProblem, type RawAnswer } from '../profile/attribute-answers';
import { AttributeFields } from '../profile/attribute-fields';
import { problemsFromServer } from '../profile/server-problems';

export interface JoinRequirements {
  requiredAttributes: readonly ProfileAttribute[];
  terms: PolicyText | null;
  purposes: readonly { purpose: Purpose; text: PolicyText }[];
}

/** What joining sends besides the community: answers, the accepted terms, optional consents. */
export interface JoinAgreements {
  answers: Record<Id, string | number | string[]>;
  termsAccepted?: { policyTextId: string; textHash: string };
  consents: { purposeId: string; policyTextId: string; textHash: string }[];
}

/**
 * Before joining a community that asks for more: its required profile answers, its own
 * terms (accepted explicitly) and its own optional purposes (each unchecked). Used for
 * a public join and for accepting an invitation.
 */
export function JoinDialog({
  open,
  communityName,
  requirements,
  submitLabel,
  busy,
  error,
  onJoin,
  onCancel,
}: {
  open: boolean;
  communityName: string;
  requirements: JoinRequirements;
  /** The action's name where it is not a plain join (accepting an invitation). */
  submitLabel?: string;
  busy: boolean;
  error: unknown;
  onJoin: (agreements: JoinAgreements) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { requiredAttributes, terms, purposes } = requirements;
  const [raws, setRaws] = useState<Record<Id, RawAnswer>>({});
  const [problems, setProblems] = useState<Record<Id, AnswerProblem>>({});
  const [termsTicked, setTermsTicked] = useState(false);
  const [termsMissing, setTermsMissing] = useState(false);
  const [granted, setGranted] = useState<ReadonlySet<string>>(new Set());
  const serverProblems = error ? problemsFromServer(error, requiredAttributes) : null;
  const shownProblems = serverProblems ?? problems;
  const [failedAttempts, failed] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (error) failed();
  }, [error]);

  const submit = () => {
    const { answers, problems: found } = collectAnswers(requiredAttributes, raws);
    setProblems(found);
    setTermsMissing(terms !== null && !termsTicked);
    if (Object.keys(found).length > 0 || (terms !== null && !termsTicked)) {
      failed();
      return;
    }
    onJoin({
      answers: Object.fromEntries(
        Object.entries(answers).filter(
          (entry): entry is [Id, string | number | string[]] => entry[1] !== null,
        ),
      ),
      ...(terms && termsTicked ? { termsAccepted: shownText(terms) } : {}),
      consents: purposes
        .filter(({ purpose }) => granted.has(purpose.id))
        .map(({ purpose, text }) => ({ purposeId: purpose.id, ...shownText(text) })),
    });
  };

  return (
    <Dialog
      open={open}
      wide
      title={t('join.title', { name: communityName })}
      onCancel={onCancel}
      failedAttempts={failedAttempts}
      actions={
        <>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button busy={busy} onClick={submit}>
            {submitLabel ?? t('join.submit')}
          </Button>
        </>
      }
    >
      <p>{t('join.intro')}</p>
      {error !== null && error !== undefined && !serverProblems && (
        <Alert tone="danger">{t(errorKey(error))}</Alert>
      )}
      {requiredAttributes.length > 0 && (
        <div className="form">
          <AttributeFields
            attributes={requiredAttributes}
            values={raws}
            problems={shownProblems}
            onChange={(attributeId, raw) =>
              setRaws((current) => ({ ...current, [attributeId]: raw }))
            }
          />
        </div>
      )}
      {terms && (
        <CheckboxField
          label={t('join.acceptTerms', { name: communityName, version: terms.version })}
          checked={termsTicked}
          error={termsMissing ? t('signUp.termsRequired') : undefined}
          onChange={(event) => {
            setTermsTicked(event.target.checked);
            setTermsMissing(false);
          }}
        >
          <Disclosure summary={t('signUp.readTerms', { version: terms.version })}>
            <PolicyTextView body={terms.body} />
          </Disclosure>
        </CheckboxField>
      )}
      {purposes.length > 0 && (
        <fieldset className="choices">
          <legend className="field__label">{t('signUp.optional')}</legend>
          {purposes.map(({ purpose, text }) => {
            const { title, description } = purposeText(purpose);
            return (
              <CheckboxField
                key={purpose.id}
                label={title}
                description={description}
                checked={granted.has(purpose.id)}
                onChange={(event) =>
                  setGranted((current) => {
                    const next = new Set(current);
                    if (event.target.checked) next.add(purpose.id);
                    else next.delete(purpose.id);
                    return next;
                  })
                }
              >
                <Disclosure summary={t('consentText.show', { version: text.version })}>
                  <PolicyTextView body={text.body} />
                </Disclosure>
              </CheckboxField>
            );
          })}
        </fieldset>
      )}
    </Dialog>
  );
}

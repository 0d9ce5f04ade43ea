import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentState } from '@quorum/domain/consent/consent-ledger';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import { isConsentBased, type Purpose } from '@quorum/domain/consent/purpose-register';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button, ButtonLink } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Disclosure } from '../../ui/disclosure';
import { errorKey } from '../../ui/form-errors';
import { PolicyTextView } from '../policies/policy-text-view';
import { shownText } from '../policies/shown-text';
import { consentKeyOf } from './consent-items';
import { purposeText } from './purpose-text';

interface PendingItem {
  purpose: Purpose;
  text: PolicyText;
  state: ConsentState;
  communityName: string | null;
}

/**
 * What the member is asked, one purpose per dialog: a consent given on a text that has
 * changed since, changed terms, or a community's terms not accepted yet (after an approved
 * join request, or when the community publishes its first terms). Agreeing and declining
 * are one click each; until answered, the purpose counts as not given (the server's gate
 * says so, not this dialog). "Later" asks again on the next visit. Terms cannot be
 * declined like a consent: declining them explains the way out (leave the community, or
 * delete the account) instead.
 */
export default function ReconsentPrompt({ items }: { items: readonly PendingItem[] }) {
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const item = items.find((candidate) => !later.has(consentKeyOf(candidate.purpose)));
  if (!item) return null;
  const key = consentKeyOf(item.purpose);
  // Keyed by purpose: the next item starts with a fresh dialog (not in the declining step).
  return (
    <PromptDialog
      key={key}
      item={item}
      onLater={() => setLater((keys) => new Set(keys).add(key))}
    />
  );
}

function PromptDialog({ item, onLater }: { item: PendingItem; onLater: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.consent.pathKey() });
  const decide = useMutation(trpc.consent.decide.mutationOptions({ onSuccess: refresh }));
  const leave = useMutation(
    trpc.communities.leave.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
  const { purpose, text, state, communityName } = item;
  const { title, description } = purposeText(purpose);
  const terms = !isConsentBased(purpose);
  const community = purpose.communityId !== null ? (communityName ?? '') : null;
  const firstTime = terms && community !== null && state.status !== 'granted';
  const decision = { communityId: purpose.communityId, channel: 'prompt' as const };

  if (declining) {
    return (
      <Dialog
        open
        title={t(
          community !== null ? 'reconsent.declineCommunityTitle' : 'reconsent.declineTermsTitle',
          { community },
        )}
        onCancel={() => setDeclining(false)}
        actions={
          <>
            <Button variant="secondary" onClick={() => setDeclining(false)}>
              {t('reconsent.back')}
            </Button>
            {community !== null && purpose.communityId !== null ? (
              <Button
                variant="danger"
                busy={leave.isPending}
                onClick={() => leave.mutate({ communityId: purpose.communityId! })}
              >
                {t('reconsent.leave', { community })}
              </Button>
            ) : (
              <ButtonLink to="/privacy-center" variant="danger" onClick={onLater}>
                {t('reconsent.toDeleteAccount')}
              </ButtonLink>
            )}
          </>
        }
      >
        <p>
          {t(community !== null ? 'reconsent.declineCommunityText' : 'reconsent.declineTermsText', {
            community,
          })}
        </p>
        {leave.isError && <Alert tone="danger">{t(errorKey(leave.error))}</Alert>}
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      wide
      title={
        firstTime
          ? t('reconsent.termsTitle', { community })
          : t(community !== null ? 'reconsent.titleIn' : 'reconsent.title', {
              purpose: title,
              community,
            })
      }
      onCancel={onLater}
      actions={
        <>
          <Button variant="ghost" onClick={onLater}>
            {t('reconsent.later')}
          </Button>
          <Button
            variant="secondary"
            busy={decide.isPending && decide.variables.decisions[0]?.action === 'withdraw'}
            disabled={decide.isPending}
            onClick={() =>
              terms
                ? setDeclining(true)
                : decide.mutate({
                    ...decision,
                    decisions: [{ purposeId: purpose.id, action: 'withdraw' }],
                  })
            }
          >
            {t('reconsent.decline')}
          </Button>
          <Button
            busy={decide.isPending && decide.variables.decisions[0]?.action === 'grant'}
            disabled={decide.isPending}
            onClick={() =>
              decide.mutate({
                ...decision,
                decisions: [{ purposeId: purpose.id, action: 'grant', ...shownText(text) }],
              })
            }
          >
            {t(terms ? 'reconsent.accept' : 'reconsent.agree')}
          </Button>
        </>
      }
    >
      <p>
        {firstTime
          ? t('reconsent.termsText', { community, version: text.version })
          : t('reconsent.text', { version: text.version })}
      </p>
      {!firstTime && <p className="muted">{description}</p>}
      <Disclosure
        summary={t(terms ? 'signUp.readTerms' : 'consentText.show', { version: text.version })}
      >
        <PolicyTextView body={text.body} />
      </Disclosure>
      {decide.isError && <Alert tone="danger">{t(errorKey(decide.error))}</Alert>}
    </Dialog>
  );
}

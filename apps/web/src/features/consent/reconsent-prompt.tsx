import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentState } from '@quorum/domain/consent/consent-ledger';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import type { Purpose } from '@quorum/domain/consent/purpose-register';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
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
}

/**
 * A consent given on a text that has changed since: asked again, one purpose per
 * dialog. Agreeing and declining are one click each; until answered, the purpose counts
 * as not given (the server's gate says so, not this dialog). "Later" asks again on the
 * next visit.
 */
export default function ReconsentPrompt({ items }: { items: readonly PendingItem[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const decide = useMutation(
    trpc.consent.decide.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.consent.pathKey() }),
    }),
  );
  const item = items.find((candidate) => !later.has(consentKeyOf(candidate.purpose)));
  if (!item) return null;
  const { title, description } = purposeText(item.purpose);
  const purposeId = item.purpose.id;
  const skip = () => setLater((keys) => new Set(keys).add(consentKeyOf(item.purpose)));

  return (
    <Dialog
      open
      wide
      title={t('reconsent.title', { purpose: title })}
      onCancel={skip}
      actions={
        <>
          <Button variant="ghost" onClick={skip}>
            {t('reconsent.later')}
          </Button>
          <Button
            variant="secondary"
            busy={decide.isPending && decide.variables.decisions[0]?.action === 'withdraw'}
            disabled={decide.isPending}
            onClick={() =>
              decide.mutate({
                decisions: [{ purposeId, action: 'withdraw' }],
                communityId: item.purpose.communityId,
                channel: 'prompt',
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
                decisions: [{ purposeId, action: 'grant', ...shownText(item.text) }],
                communityId: item.purpose.communityId,
                channel: 'prompt',
              })
            }
          >
            {t('reconsent.agree')}
          </Button>
        </>
      }
    >
      <p>{t('reconsent.text', { version: item.text.version })}</p>
      <p className="muted">{description}</p>
      <Disclosure summary={t('consentText.show', { version: item.text.version })}>
        <PolicyTextView body={item.text.body} />
      </Disclosure>
      {decide.isError && <Alert tone="danger">{t(errorKey(decide.error))}</Alert>}
    </Dialog>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsentState } from '@quorum/domain/consent/consent-ledger';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import { isConsentBased, type Purpose } from '@quorum/domain/consent/purpose-register';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { useAnnounce } from '../../ui/announcer';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Disclosure } from '../../ui/disclosure';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { QueryState } from '../layout/query-state';
import { PolicyTextView } from '../policies/policy-text-view';
import { shownText } from '../policies/shown-text';
import { consentKeyOf } from '../consent/consent-items';
import { purposeText } from '../consent/purpose-text';

interface OverviewItem {
  purpose: Purpose;
  text: PolicyText;
  state: ConsentState;
  needsRenewal: boolean;
  mayProcess: boolean;
  communityName: string | null;
}

/** Every purpose with its state; giving and withdrawing are one click each, effective at once. */
export function ConsentsCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const announce = useAnnounce();
  const overview = useQuery(trpc.consent.overview.queryOptions({ locale }));
  const decide = useMutation(
    trpc.consent.decide.mutationOptions({
      onSuccess: async (items, input) => {
        queryClient.setQueryData(trpc.consent.overview.queryKey({ locale }), items);
        const decision = input.decisions[0];
        const decided = items.find((item) => item.purpose.id === decision?.purposeId);
        if (decision && decided) {
          const { title } = purposeText(decided.purpose);
          const outcome = !isConsentBased(decided.purpose)
            ? 'accepted'
            : decision.action === 'grant'
              ? 'granted'
              : 'withdrawn';
          announce(
            t(`privacyCenter.announce.${outcome}`, { title: decided.communityName ?? title }),
          );
        }
        await queryClient.invalidateQueries({ queryKey: trpc.consent.pending.queryKey() });
      },
    }),
  );
  const busyKey =
    decide.isPending && decide.variables.decisions[0]
      ? decide.variables.decisions[0].purposeId
      : null;

  return (
    <Card title={t('privacyCenter.consents')} subtitle={t('privacyCenter.consentsText')}>
      <div className="stack stack--tight">
        {decide.isError && <Alert tone="danger">{t(errorKey(decide.error))}</Alert>}
        <QueryState query={overview}>
          {(items) => (
            <ul className="purpose-list" aria-label={t('privacyCenter.consents')}>
              {items.map((item) => (
                <PurposeRow
                  key={consentKeyOf(item.purpose)}
                  item={item}
                  busy={busyKey === item.purpose.id}
                  disabled={decide.isPending}
                  onGrant={() =>
                    decide.mutate({
                      decisions: [
                        { purposeId: item.purpose.id, action: 'grant', ...shownText(item.text) },
                      ],
                      communityId: item.purpose.communityId,
                      channel: 'privacy_center',
                    })
                  }
                  onWithdraw={() =>
                    decide.mutate({
                      decisions: [{ purposeId: item.purpose.id, action: 'withdraw' }],
                      communityId: item.purpose.communityId,
                      channel: 'privacy_center',
                    })
                  }
                />
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </Card>
  );
}

function PurposeRow({
  item,
  busy,
  disabled,
  onGrant,
  onWithdraw,
}: {
  item: OverviewItem;
  busy: boolean;
  disabled: boolean;
  onGrant: () => void;
  onWithdraw: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { purpose, text, state, communityName } = item;
  const { title, description } = purposeText(purpose);
  const optional = isConsentBased(purpose);
  const status = stateLabel(item);
  return (
    <li className="purpose">
      <div className="purpose__head">
        <h3 className="purpose__title">{title}</h3>
        <Badge tone={status.tone}>{t(status.key)}</Badge>
      </div>
      {communityName !== null && (
        <p className="small">{t('privacyCenter.inCommunity', { community: communityName })}</p>
      )}
      <p className="muted small">{description}</p>
      {state.decidedAt && state.version !== null && (
        <p className="small">
          {t(
            state.status === 'granted'
              ? 'privacyCenter.givenSince'
              : 'privacyCenter.withdrawnSince',
            {
              date: formatDate(state.decidedAt),
              version: state.version,
            },
          )}
        </p>
      )}
      {item.needsRenewal && (
        <p className="small">
          {state.status === 'granted'
            ? t('privacyCenter.renewalText', { version: text.version })
            : t('privacyCenter.owedText', { version: text.version })}
        </p>
      )}
      <Disclosure
        summary={t(optional ? 'consentText.show' : 'signUp.readTerms', { version: text.version })}
      >
        <PolicyTextView body={text.body} />
      </Disclosure>
      {optional ? (
        <div className="row">
          {!item.mayProcess && (
            <Button
              size="small"
              busy={busy}
              disabled={disabled}
              onClick={onGrant}
              aria-label={t('common.actionOn', {
                action: t(item.needsRenewal ? 'privacyCenter.agreeNew' : 'privacyCenter.give'),
                target: title,
              })}
            >
              {t(item.needsRenewal ? 'privacyCenter.agreeNew' : 'privacyCenter.give')}
            </Button>
          )}
          {state.status === 'granted' && (
            <Button
              size="small"
              variant="secondary"
              busy={busy}
              disabled={disabled}
              onClick={onWithdraw}
              aria-label={t('common.actionOn', {
                action: t('privacyCenter.withdraw'),
                target: title,
              })}
            >
              {t('privacyCenter.withdraw')}
            </Button>
          )}
        </div>
      ) : (
        <>
          {item.needsRenewal && (
            <div className="row">
              <Button
                size="small"
                busy={busy}
                disabled={disabled}
                onClick={onGrant}
                aria-label={t('common.actionOn', {
                  action: t('privacyCenter.acceptTerms'),
                  target: communityName ?? title,
                })}
              >
                {t('privacyCenter.acceptTerms')}
              </Button>
            </div>
          )}
          <p className="small muted">
            {t(
              communityName !== null
                ? 'privacyCenter.contractNoteCommunity'
                : 'privacyCenter.contractNote',
            )}
          </p>
        </>
      )}
    </li>
  );
}

function stateLabel(item: OverviewItem): {
  key: string;
  tone: 'neutral' | 'success' | 'warning';
} {
  if (!isConsentBased(item.purpose)) {
    if (!item.needsRenewal) return { key: 'privacyCenter.status.contract', tone: 'neutral' };
    const accepted = item.state.status === 'granted';
    return {
      key: accepted ? 'privacyCenter.status.renewal' : 'privacyCenter.status.owed',
      tone: 'warning',
    };
  }
  if (item.needsRenewal) return { key: 'privacyCenter.status.renewal', tone: 'warning' };
  if (item.mayProcess) return { key: 'privacyCenter.status.granted', tone: 'success' };
  if (item.state.status === 'withdrawn')
    return { key: 'privacyCenter.status.withdrawn', tone: 'neutral' };
  return { key: 'privacyCenter.status.not_given', tone: 'neutral' };
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberListEntry } from '@quorum/domain/communities/membership';
import type { Id } from '@quorum/domain/shared/ids';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { TextAreaField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { Facts } from '../../ui/list';
import { attributeLabel } from '../profile/attribute-fields';
import { formatAnswer } from '../profile/format-answer';

/**
 * Staff see a member's personal details only after saying why: the reason goes into
 * the audit log, which the member sees in their privacy center.
 */
export function MemberDetailsDialog({
  communityId,
  member,
  onClose,
}: {
  communityId: Id;
  member: MemberListEntry | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const [reason, setReason] = useState('');
  const attributes = useQuery({
    ...trpc.profile.attributes.queryOptions({ communityId }),
    enabled: member !== null,
  });
  const [failedAttempts, failed] = useReducer((count: number) => count + 1, 0);
  const details = useMutation(trpc.members.details.mutationOptions({ onError: failed }));
  // Once shown, focus moves to the details, so they are read out at once.
  const shownRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (details.data) shownRef.current?.focus();
  }, [details.data]);
  const close = () => {
    setReason('');
    details.reset();
    onClose();
  };
  const reasonError =
    details.error && errorKey(details.error) === 'validation.reason_required'
      ? t('validation.reason_required')
      : undefined;

  return (
    <Dialog
      open={member !== null}
      wide
      title={t('memberDetails.title', { name: member?.displayName ?? '' })}
      onCancel={close}
      failedAttempts={failedAttempts}
      actions={
        details.data ? (
          <Button onClick={close}>{t('common.close')}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              busy={details.isPending}
              onClick={() =>
                member && details.mutate({ communityId, accountId: member.accountId, reason })
              }
            >
              {t('memberDetails.show')}
            </Button>
          </>
        )
      }
    >
      {details.data ? (
        <div ref={shownRef} tabIndex={-1} className="dialog__focus-target">
          <Facts
            items={[
              { label: t('fields.displayName'), value: details.data.displayName },
              { label: t('fields.email'), value: details.data.email },
              { label: t('memberDetails.role'), value: t(`roles.${details.data.role}`) },
              { label: t('memberDetails.joined'), value: formatDate(details.data.joinedAt) },
              ...details.data.profile.map((value) => {
                const attribute = attributes.data?.find((a) => a.id === value.attributeId);
                return {
                  label: attribute ? attributeLabel(attribute) : value.attributeId,
                  value: attribute ? formatAnswer(attribute, value.value) : String(value.value),
                };
              }),
            ]}
          />
        </div>
      ) : (
        <>
          <p>{t('memberDetails.intro')}</p>
          <TextAreaField
            label={t('memberDetails.reason')}
            hint={t('memberDetails.reasonHint')}
            value={reason}
            maxLength={500}
            error={reasonError}
            onChange={(event) => setReason(event.target.value)}
          />
          {details.isError && !reasonError && (
            <Alert tone="danger">{t(errorKey(details.error))}</Alert>
          )}
        </>
      )}
    </Dialog>
  );
}

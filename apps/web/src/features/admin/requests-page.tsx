import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { TextAreaField, TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { Facts } from '../../ui/list';
import { Page } from '../../ui/page';
import type { AuditAction } from '@quorum/domain/privacy/audit';
import { SearchField, useSearch } from '../lists/paged-list';
import { AuditList } from './audit-page';

type Action = 'export' | 'erase';

/**
 * Data-subject requests that reach the operator (by letter, by email): find the account
 * (saying why — audited), then export its data or erase it, again with a reason.
 */
export function RequestsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [action, setAction] = useState<Action | null>(null);
  const find = useMutation(trpc.admin.findAccount.mutationOptions());
  const fieldProblem = (field: string) => {
    const key = find.error ? errorKey(find.error) : null;
    const issues = (find.error?.data as { issues?: { path: unknown[] }[] } | undefined)?.issues;
    return key && issues?.some((issue) => issue.path[0] === field) ? t(key) : undefined;
  };
  const account = find.data;

  return (
    <Page
      title={t('admin.requests.title')}
      description={t('admin.requests.description')}
      width="medium"
    >
      <Card title={t('admin.requests.find')}>
        <form
          className="form"
          noValidate
          aria-label={t('admin.requests.find')}
          onSubmit={(event) => {
            event.preventDefault();
            find.mutate({ email, reason });
          }}
        >
          {find.isError && !fieldProblem('email') && !fieldProblem('reason') && (
            <Alert tone="danger">{t(errorKey(find.error))}</Alert>
          )}
          <TextField
            type="email"
            label={t('fields.email')}
            value={email}
            error={fieldProblem('email')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <TextAreaField
            label={t('admin.requests.reason')}
            hint={t('admin.requests.reasonHint')}
            value={reason}
            error={fieldProblem('reason')}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="row">
            <Button type="submit" busy={find.isPending}>
              {t('admin.requests.findSubmit')}
            </Button>
          </div>
        </form>
      </Card>
      {account && (
        <Card
          title={account.displayName}
          actions={
            <div className="row">
              <Button variant="secondary" onClick={() => setAction('export')}>
                {t('admin.requests.export')}
              </Button>
              <Button variant="danger" onClick={() => setAction('erase')}>
                {t('admin.requests.erase')}
              </Button>
            </div>
          }
        >
          <Facts
            items={[
              { label: t('fields.email'), value: account.email },
              { label: t('admin.requests.createdAt'), value: formatDate(account.createdAt) },
            ]}
          />
          <RequestDialog
            action={action}
            accountId={account.id}
            name={account.displayName}
            defaultReason={reason}
            onClose={() => setAction(null)}
            onErased={() => find.reset()}
          />
        </Card>
      )}
      <RequestHistory />
    </Page>
  );
}

/** Exports and erasures done so far (from the audit log), newest first, searchable by name. */
function RequestHistory() {
  const { t } = useTranslation();
  const { input, setInput, search } = useSearch();
  return (
    <Card title={t('admin.requests.history')}>
      <div className="stack stack--tight">
        <SearchField label={t('admin.requests.historySearch')} value={input} onChange={setInput} />
        <AuditList member={search} actions={requestActions} label={t('admin.requests.history')} />
      </div>
    </Card>
  );
}

const requestActions: AuditAction[] = [
  'member.export_requested',
  'member.export_downloaded',
  'member.erased',
];

function RequestDialog({
  action,
  accountId,
  name,
  defaultReason,
  onClose,
  onErased,
}: {
  action: Action | null;
  accountId: string;
  name: string;
  defaultReason: string;
  onClose: () => void;
  onErased: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [reason, setReason] = useState(defaultReason);
  const requestExport = useMutation(trpc.admin.requestExport.mutationOptions());
  const erase = useMutation(trpc.admin.eraseAccount.mutationOptions());
  const mutation = action === 'erase' ? erase : requestExport;
  const close = () => {
    if (erase.isSuccess) onErased();
    requestExport.reset();
    erase.reset();
    onClose();
  };
  const done = action === 'erase' ? erase.isSuccess : requestExport.isSuccess;

  return (
    <Dialog
      open={action !== null}
      title={t(action === 'erase' ? 'admin.requests.eraseTitle' : 'admin.requests.exportTitle', {
        name,
      })}
      onCancel={close}
      actions={
        done ? (
          <Button onClick={close}>{t('common.close')}</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button
              variant={action === 'erase' ? 'danger' : 'primary'}
              busy={mutation.isPending}
              onClick={() =>
                action === 'erase'
                  ? erase.mutate({ accountId, reason })
                  : requestExport.mutate({ accountId, reason })
              }
            >
              {t(
                action === 'erase' ? 'admin.requests.eraseConfirm' : 'admin.requests.exportConfirm',
              )}
            </Button>
          </>
        )
      }
    >
      {done ? (
        action === 'erase' ? (
          <Alert tone="success">{t('admin.requests.erased', { name })}</Alert>
        ) : (
          <Alert tone="success">
            {t('admin.requests.exportRequested')}{' '}
            {requestExport.data && (
              <a href={`/exports/${requestExport.data.id}`} download>
                {t('admin.requests.exportLink')}
              </a>
            )}
          </Alert>
        )
      ) : (
        <>
          <p>{t(action === 'erase' ? 'admin.requests.eraseText' : 'admin.requests.exportText')}</p>
          <TextAreaField
            label={t('admin.requests.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          {mutation.isError && <Alert tone="danger">{t(errorKey(mutation.error))}</Alert>}
        </>
      )}
    </Dialog>
  );
}

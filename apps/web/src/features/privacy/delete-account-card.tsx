import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { CheckboxField, TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';

/** Deleting the account: the password proves it is the member, a tick confirms they mean it. */
export function DeleteAccountCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [unconfirmed, setUnconfirmed] = useState(false);
  const [failedAttempts, failed] = useReducer((count: number) => count + 1, 0);
  const remove = useMutation(
    trpc.privacy.deleteAccount.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await navigate('/account-deleted', { replace: true });
      },
      onError: failed,
    }),
  );
  const close = () => {
    setOpen(false);
    setPassword('');
    setConfirmed(false);
    setUnconfirmed(false);
    remove.reset();
  };
  const failure = remove.error ? errorKey(remove.error) : null;
  // Only the password can be wrong here: the general sign-in message would name the email too.
  const passwordError =
    failure === 'errors.INVALID_CREDENTIALS'
      ? t('deleteAccount.wrongPassword')
      : failure === 'validation.password_required'
        ? t(failure)
        : undefined;

  return (
    <Card title={t('deleteAccount.title')} subtitle={t('deleteAccount.text')}>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('deleteAccount.open')}
      </Button>
      <Dialog
        open={open}
        title={t('deleteAccount.dialogTitle')}
        onCancel={close}
        failedAttempts={failedAttempts}
        actions={
          <>
            <Button variant="secondary" onClick={close} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => {
                setUnconfirmed(!confirmed);
                if (confirmed) remove.mutate({ password, confirm: true });
                else failed();
              }}
            >
              {t('deleteAccount.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('deleteAccount.consequences')}</p>
        <TextField
          type="password"
          label={t('fields.password')}
          autoComplete="current-password"
          value={password}
          error={passwordError}
          onChange={(event) => setPassword(event.target.value)}
        />
        <CheckboxField
          label={t('deleteAccount.understand')}
          checked={confirmed}
          error={unconfirmed ? t('deleteAccount.confirmRequired') : undefined}
          onChange={(event) => {
            setConfirmed(event.target.checked);
            setUnconfirmed(false);
          }}
        />
        {failure && !passwordError && <Alert tone="danger">{t(failure)}</Alert>}
      </Dialog>
    </Card>
  );
}

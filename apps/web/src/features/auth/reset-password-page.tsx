import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PASSWORD_MIN_LENGTH, resetPasswordInputSchema } from '@quorum/domain/accounts/account';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ schema: resetPasswordInputSchema });
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      // Every session of the account ended, this browser's included.
      onSuccess: () => queryClient.resetQueries(),
      onError: form.fail,
    }),
  );
  return (
    <Page title={t('reset.title')} width="narrow">
      {reset.isSuccess ? (
        <div className="stack stack--tight">
          <Alert tone="success">{t('reset.success')}</Alert>
          <ButtonLink to="/sign-in">{t('shell.signIn')}</ButtonLink>
        </div>
      ) : (
        <>
          {!token && <Alert tone="danger">{t('token.missing')}</Alert>}
          <Card>
            <Form
              form={form}
              onSubmit={(values) => {
                form.submit({ ...values, token }, reset.mutate);
              }}
            >
              <TextField
                name="newPassword"
                type="password"
                label={t('fields.newPassword')}
                hint={t('fields.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
                autoComplete="new-password"
                error={form.fieldError('newPassword')}
              />
              <Button type="submit" block busy={reset.isPending}>
                {t('reset.submit')}
              </Button>
            </Form>
          </Card>
          <p className="auth-links">
            <Link to="/forgot-password">{t('reset.newLink')}</Link>
          </p>
        </>
      )}
    </Page>
  );
}

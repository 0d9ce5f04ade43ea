import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requestPasswordResetInputSchema } from '@quorum/domain/accounts/account';
import { useTRPC } from '../../trpc';
import { mailKey, useMailWording } from '../mail/mail-wording';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({ schema: requestPasswordResetInputSchema });
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({ onError: form.fail }),
  );
  const wording = useMailWording();
  return (
    <Page title={t('forgot.title')} description={t('forgot.description')} width="narrow">
      {request.isSuccess ? (
        // The same answer whether or not the address has an account (no enumeration).
        <Alert tone="success" title={t(mailKey('forgot.sentTitle', wording))}>
          <p>{t(mailKey('forgot.sent', wording), { email: request.variables.email })}</p>
        </Alert>
      ) : (
        <Card>
          <Form
            form={form}
            onSubmit={(values) => {
              form.submit(values, request.mutate);
            }}
          >
            <TextField
              name="email"
              type="email"
              label={t('fields.email')}
              autoComplete="email"
              error={form.fieldError('email')}
            />
            <Button type="submit" block busy={request.isPending}>
              {t('forgot.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <p className="auth-links">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}

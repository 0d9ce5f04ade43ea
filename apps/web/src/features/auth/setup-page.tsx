import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { completeSetupInputSchema } from '@quorum/domain/accounts/account';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { NewAccountFields } from './account-fields';

/** The first administrator opens the one-time link the server printed and creates their account. */
export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const form = useForm({
    schema: completeSetupInputSchema,
    fieldsByCode: {
      EMAIL_TAKEN: 'email',
    },
  });
  const setup = useMutation(
    trpc.auth.completeSetup.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
        await navigate('/', { replace: true });
      },
      onError: form.fail,
    }),
  );

  return (
    <Page title={t('setup.title')} description={t('setup.description')} width="narrow">
      {!token && <Alert tone="danger">{t('token.missing')}</Alert>}
      <Card>
        <Form
          form={form}
          onSubmit={(values) => {
            form.submit({ ...values, token, locale: currentLocale() }, setup.mutate);
          }}
        >
          <NewAccountFields fieldError={form.fieldError} />
          <Button type="submit" block busy={setup.isPending}>
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

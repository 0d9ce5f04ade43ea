import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signUpInputSchema } from '@quorum/domain/accounts/account';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { NewAccountFields } from './account-fields';
import { safeNext, useMe } from './use-session';

export function SignUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const form = useForm({
    schema: signUpInputSchema,
    fieldsByCode: {
      EMAIL_TAKEN: 'email',
    },
  });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
        await navigate(next, { replace: true });
      },
      onError: form.fail,
    }),
  );

  if (me.data?.account && !signUp.isPending && !signUp.isSuccess)
    return <Navigate to={next} replace />;
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;

  return (
    <Page title={t('signUp.title')} description={t('signUp.description')} width="narrow">
      <Card>
        <Form
          form={form}
          onSubmit={(values) => {
            // The account keeps the language the person is reading right now.
            const input = form.parse({ ...values, locale: currentLocale() });
            if (input) signUp.mutate(input);
          }}
        >
          <NewAccountFields fieldError={form.fieldError} />
          <p className="small muted">{t('signUp.privacy')}</p>
          <Button type="submit" block busy={signUp.isPending}>
            {t('signUp.submit')}
          </Button>
        </Form>
      </Card>
      <p className="auth-links">
        {t('signUp.haveAccount')} <Link to={`/sign-in${nextQuery}`}>{t('signUp.signInLink')}</Link>
      </p>
    </Page>
  );
}

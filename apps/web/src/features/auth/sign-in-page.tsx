import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInInputSchema } from '@quorum/domain/accounts/account';
import { useTRPC } from '../../trpc';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { safeNext, useMe } from './use-session';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const form = useForm({ schema: signInInputSchema });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
        await navigate(next, { replace: true });
      },
      onError: form.fail,
    }),
  );

  if (me.data?.account && !signIn.isPending && !signIn.isSuccess)
    return <Navigate to={next} replace />;
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;

  return (
    <Page title={t('signIn.title')} description={t('signIn.description')} width="narrow">
      <Card>
        <Form
          form={form}
          onSubmit={(values) => {
            form.submit(values, signIn.mutate);
          }}
        >
          <TextField
            name="email"
            type="email"
            label={t('fields.email')}
            autoComplete="email"
            error={form.fieldError('email')}
          />
          <TextField
            name="password"
            type="password"
            label={t('fields.password')}
            autoComplete="current-password"
            error={form.fieldError('password')}
          />
          <Button type="submit" block busy={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
          <p className="center small">
            <Link to="/forgot-password">{t('signIn.forgot')}</Link>
          </p>
        </Form>
      </Card>
      <p className="auth-links">
        {t('signIn.noAccount')} <Link to={`/sign-up${nextQuery}`}>{t('signIn.signUpLink')}</Link>
      </p>
    </Page>
  );
}

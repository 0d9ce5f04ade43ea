import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { signUpInputSchema } from '@quorum/domain/accounts/account';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { NewAccountFields } from './account-fields';
import { agreementsFromForm, SignUpAgreements } from './sign-up-agreements';
import { safeNext, useMe } from './use-session';

export function SignUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  // After a language switch the form stays filled in while the texts load in the new language.
  const texts = useQuery({
    ...trpc.consent.signUpTexts.queryOptions({ locale: currentLocale() }),
    placeholderData: keepPreviousData,
  });
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
      onError: async (error) => {
        form.fail(error);
        // A text changed while the form was open: show the new one to agree to.
        const code = (error.data as { domainCode?: string } | undefined)?.domainCode;
        if (code === 'CONSENT_TEXT_STALE' || code === 'CONSENT_TEXT_MISMATCH')
          await texts.refetch();
      },
    }),
  );

  if (me.data?.account && !signUp.isPending && !signUp.isSuccess)
    return <Navigate to={next} replace />;
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;

  return (
    <Page title={t('signUp.title')} description={t('signUp.description')} width="narrow">
      <QueryState query={texts}>
        {(shown) => (
          <Card>
            <Form
              form={form}
              onSubmit={(values) => {
                form.submit(
                  {
                    ...values,
                    // The account keeps the language the person is reading right now.
                    locale: currentLocale(),
                    ...agreementsFromForm(shown, values),
                  },
                  signUp.mutate,
                );
              }}
            >
              <NewAccountFields fieldError={form.fieldError} />
              <SignUpAgreements texts={shown} fieldError={form.fieldError} />
              <Button type="submit" block busy={signUp.isPending}>
                {t('signUp.submit')}
              </Button>
            </Form>
          </Card>
        )}
      </QueryState>
      <p className="auth-links">
        {t('signUp.haveAccount')} <Link to={`/sign-in${nextQuery}`}>{t('signUp.signInLink')}</Link>
      </p>
    </Page>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { ButtonLink } from '../../ui/button';
import { TokenActionPage } from './token-action';
import { useMe, useRefreshMe } from './use-session';

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const refreshMe = useRefreshMe();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: refreshMe }));
  return (
    <TokenActionPage
      title={t('verifyEmail.title')}
      mutation={verify}
      success={
        <div className="stack stack--tight">
          <Alert tone="success">{t('verifyEmail.success')}</Alert>
          <ButtonLink to={me.data?.account ? '/' : '/sign-in'}>
            {me.data?.account ? t('common.toCommunities') : t('shell.signIn')}
          </ButtonLink>
        </div>
      }
      failure={
        <p>{me.data?.account ? t('verifyEmail.failureSignedIn') : t('verifyEmail.failure')}</p>
      }
    />
  );
}

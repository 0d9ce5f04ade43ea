import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { ButtonLink } from '../../ui/button';
import { TokenActionPage } from '../auth/token-action';
import { useRefreshMe } from '../auth/use-session';

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refreshMe = useRefreshMe();
  const confirm = useMutation(
    trpc.account.confirmEmailChange.mutationOptions({ onSuccess: refreshMe }),
  );
  return (
    <TokenActionPage
      title={t('confirmEmail.title')}
      mutation={confirm}
      success={
        <div className="stack stack--tight">
          <Alert tone="success">{t('confirmEmail.success')}</Alert>
          <ButtonLink to="/account">{t('shell.accountSettings')}</ButtonLink>
        </div>
      }
      failure={<p>{t('confirmEmail.failure')}</p>}
    />
  );
}

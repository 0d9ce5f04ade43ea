import { useTranslation } from 'react-i18next';
import { errorKey } from '../../ui/form-errors';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import { mailKey, useMailWording } from '../mail/mail-wording';

/** A gentle reminder, not a wall: unverified accounts can still look around. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  const wording = useMailWording();
  return (
    <div className="banner" role="region" aria-label={t('banner.label')}>
      <div className="banner__inner">
        <span>{t(mailKey('banner.text', wording), { email })}</span>
        {resend.isSuccess ? (
          <span role="status">{t(mailKey('banner.sent', wording))}</span>
        ) : (
          <button
            type="button"
            className="link-button"
            onClick={() => resend.mutate()}
            disabled={resend.isPending}
          >
            {t('banner.resend')}
          </button>
        )}
        {resend.isError && <span role="alert">{t(errorKey(resend.error))}</span>}
      </div>
    </div>
  );
}

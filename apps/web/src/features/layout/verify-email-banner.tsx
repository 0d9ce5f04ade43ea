import { useTranslation } from 'react-i18next';
import { errorKey } from '../../ui/form-errors';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import { mailKey, useMailWording } from '../mail/mail-wording';

/** A gentle reminder, not a wall: unverified accounts can still look around. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const wording = useMailWording();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  return (
    <div className="banner" role="region" aria-label={t('banner.label')}>
      <div className="banner__inner">
        <span>{t(mailKey('banner.text', wording), { email })}</span>
        {/* The button stays (focus stays on it); the outcome appears in a status that was there before. */}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            if (!resend.isPending) resend.mutate();
          }}
          aria-disabled={resend.isPending || undefined}
        >
          {t('banner.resend')}
        </button>
        <span role="status">{resend.isSuccess ? t(mailKey('banner.sent', wording)) : ''}</span>
        {resend.isError && <span role="alert">{t(errorKey(resend.error))}</span>}
      </div>
    </div>
  );
}

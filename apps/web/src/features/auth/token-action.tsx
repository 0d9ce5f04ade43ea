import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { tokenSchema } from '@quorum/domain/accounts/account';
import { Alert } from '../../ui/alert';
import { errorKey } from '../../ui/form-errors';
import { Page } from '../../ui/page';
import { Loading } from '../../ui/spinner';

interface TokenMutation {
  mutate: (input: { token: string }) => void;
  isIdle: boolean;
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * A page that redeems the one-time token of an email link as soon as it opens
 * (verify address, confirm a new address) and says how it went.
 */
export function TokenActionPage({
  title,
  mutation,
  success,
  failure,
}: {
  title: string;
  mutation: TokenMutation;
  success: ReactNode;
  failure: ReactNode;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const valid = tokenSchema.safeParse(token).success;
  const started = useRef(false);
  const { mutate } = mutation;

  useEffect(() => {
    // Once only: a second call would find the token used.
    if (!valid || started.current) return;
    started.current = true;
    mutate({ token });
  }, [mutate, token, valid]);

  return (
    <Page title={title} width="narrow">
      {!valid ? (
        <Alert tone="danger">{t('token.missing')}</Alert>
      ) : mutation.isSuccess ? (
        success
      ) : mutation.isError ? (
        <Alert tone="danger" title={t(errorKey(mutation.error))}>
          {failure}
        </Alert>
      ) : (
        <Loading label={t('token.checking')} />
      )}
    </Page>
  );
}

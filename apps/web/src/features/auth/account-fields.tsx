import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@quorum/domain/accounts/account';
import { TextField } from '../../ui/fields';

/** Name, email and a new password: the same fields on sign-up and on first-admin setup. */
export function NewAccountFields({
  fieldError,
}: {
  fieldError: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        name="displayName"
        label={t('fields.displayName')}
        hint={t('fields.displayNameHint')}
        autoComplete="name"
        error={fieldError('displayName')}
      />
      <TextField
        name="email"
        type="email"
        label={t('fields.email')}
        autoComplete="email"
        error={fieldError('email')}
      />
      <TextField
        name="password"
        type="password"
        label={t('fields.password')}
        hint={t('fields.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
        autoComplete="new-password"
        error={fieldError('password')}
      />
    </>
  );
}

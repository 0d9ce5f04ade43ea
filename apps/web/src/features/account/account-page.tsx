import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  changeEmailInputSchema,
  changePasswordInputSchema,
  PASSWORD_MIN_LENGTH,
  updateAccountInputSchema,
} from '@quorum/domain/accounts/account';
import { locales } from '@quorum/domain/shared/locale';
import { switchLanguage } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { mailKey, useMailWording } from '../mail/mail-wording';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { SelectField, TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { RequireAccount, type MeAccount } from '../auth/use-session';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('account.title')} description={t('account.description')} width="medium">
      <RequireAccount>
        {(account) => (
          <>
            <ProfileCard account={account} />
            <EmailCard account={account} />
            <PasswordCard />
          </>
        )}
      </RequireAccount>
    </Page>
  );
}

function useInvalidateMe() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
}

function ProfileCard({ account }: { account: MeAccount }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateMe = useInvalidateMe();
  const form = useForm({ schema: updateAccountInputSchema });
  const update = useMutation(
    trpc.account.update.mutationOptions({
      onSuccess: async (_data, input) => {
        switchLanguage(input.locale);
        await invalidateMe();
      },
      onError: form.fail,
    }),
  );
  return (
    <Card title={t('account.profile')}>
      <Form
        form={form}
        onSubmit={(values) => {
          form.submit(values, update.mutate);
        }}
      >
        {update.isSuccess && <Alert tone="success">{t('common.saved')}</Alert>}
        <TextField
          name="displayName"
          label={t('fields.displayName')}
          hint={t('fields.displayNameHint')}
          defaultValue={account.displayName}
          autoComplete="name"
          error={form.fieldError('displayName')}
        />
        <SelectField
          name="locale"
          label={t('fields.locale')}
          hint={t('fields.localeHint')}
          defaultValue={account.locale}
          options={locales.map((locale) => ({ value: locale, label: t(`locales.${locale}`) }))}
          error={form.fieldError('locale')}
        />
        <div className="row">
          <Button type="submit" busy={update.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function EmailCard({ account }: { account: MeAccount }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({
    schema: changeEmailInputSchema,
    // A taken address is answered like a free one (the mail tells its holder), so no EMAIL_TAKEN here.
    fieldsByCode: { INVALID_CREDENTIALS: 'currentPassword' },
  });
  const wording = useMailWording();
  const request = useMutation(
    trpc.account.requestEmailChange.mutationOptions({
      onSuccess: () => form.formRef.current?.reset(),
      onError: form.fail,
    }),
  );
  return (
    <Card
      title={t('account.email')}
      subtitle={
        <span className="row">
          {account.email}
          {account.emailVerified ? (
            <Badge tone="success">{t('account.verified')}</Badge>
          ) : (
            <Badge tone="warning">{t('account.unverified')}</Badge>
          )}
        </span>
      }
    >
      <Form
        form={form}
        onSubmit={(values) => {
          form.submit(values, request.mutate);
        }}
      >
        {request.isSuccess && (
          <Alert tone="success">
            {t(mailKey('account.emailChangeSent', wording), { email: request.variables.newEmail })}
          </Alert>
        )}
        <TextField
          name="newEmail"
          type="email"
          label={t('fields.newEmail')}
          autoComplete="email"
          error={form.fieldError('newEmail')}
        />
        <TextField
          name="currentPassword"
          type="password"
          label={t('fields.currentPassword')}
          hint={t('account.passwordToConfirm')}
          autoComplete="current-password"
          error={form.fieldError('currentPassword')}
        />
        <div className="row">
          <Button type="submit" variant="secondary" busy={request.isPending}>
            {t('account.changeEmail')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({
    schema: changePasswordInputSchema,
    fieldsByCode: {
      INVALID_CREDENTIALS: 'currentPassword',
    },
  });
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => form.formRef.current?.reset(),
      onError: form.fail,
    }),
  );
  return (
    <Card title={t('account.password')} subtitle={t('account.passwordDescription')}>
      <Form
        form={form}
        onSubmit={(values) => {
          form.submit(values, change.mutate);
        }}
      >
        {change.isSuccess && <Alert tone="success">{t('account.passwordChanged')}</Alert>}
        <TextField
          name="currentPassword"
          type="password"
          label={t('fields.currentPassword')}
          autoComplete="current-password"
          error={form.fieldError('currentPassword')}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('fields.newPassword')}
          hint={t('fields.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          error={form.fieldError('newPassword')}
        />
        <div className="row">
          <Button type="submit" variant="secondary" busy={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

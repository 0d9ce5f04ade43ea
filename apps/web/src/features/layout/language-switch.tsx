import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, locales } from '@quorum/domain/shared/locale';
import { currentLocale, switchLanguage } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { useRefreshMe, type MeAccount } from '../auth/use-session';

/** Language names are written in their own language, so anyone can find theirs. */
const names = { de: 'Deutsch', en: 'English' } as const;

/**
 * `account` is undefined while the session is still being looked up: the switch waits for it,
 * or a member's choice made in that moment would be kept only in this browser and their saved
 * language would take over again on the next load.
 */
export function LanguageSwitch({ account }: { account: MeAccount | null | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A saved account locale wins over the switch, so for accounts the switch saves it.
  const refreshMe = useRefreshMe();
  const save = useMutation(
    trpc.account.update.mutationOptions({
      // A "who am I" answer still in flight holds the old saved language: drop it first.
      onMutate: () => queryClient.cancelQueries({ queryKey: trpc.auth.me.queryKey() }),
      onSettled: refreshMe,
    }),
  );
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.language')}
      </label>
      <select
        id={id}
        value={currentLocale()}
        disabled={account === undefined}
        onChange={(event) => {
          const locale = event.target.value;
          if (!isLocale(locale)) return;
          switchLanguage(locale);
          if (account) save.mutate({ displayName: account.displayName, locale });
        }}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {names[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}

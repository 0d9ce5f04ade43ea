import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { applyAccountLocale } from '../../i18n/i18n';
import { useMe } from '../auth/use-session';
import { AccountMenu } from './account-menu';
import { LanguageSwitch } from './language-switch';
import { SiteFooter } from './site-footer';
import { PendingConsents } from '../consent/pending-consents';
import { VerifyEmailBanner } from './verify-email-banner';
import { ButtonLink } from '../../ui/button';
import { useFocusRescue } from './use-focus-rescue';
import { useRouteFocus } from './use-route-focus';

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const account = me.data?.account ?? null;
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  useFocusRescue(mainRef);

  useEffect(() => {
    if (account) applyAccountLocale(account.locale);
  }, [account]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand">
            <img className="brand__mark" src="/favicon.svg" alt="" width="28" height="28" />
            <span className="brand__name">Quorum</span>
          </Link>
          {/* Language and account controls, not a list of links: no navigation landmark. */}
          <div className="header__nav">
            <LanguageSwitch account={me.isPending ? undefined : account} />
            {account ? (
              <AccountMenu account={account} />
            ) : (
              // Not on the sign-in page itself.
              me.data &&
              pathname !== '/sign-in' && (
                <ButtonLink to="/sign-in" variant="secondary" size="small">
                  {t('shell.signIn')}
                </ButtonLink>
              )
            )}
          </div>
        </div>
      </header>
      {account && !account.emailVerified && <VerifyEmailBanner email={account.email} />}
      <main
        ref={mainRef}
        id="main"
        className="main"
        tabIndex={-1}
        aria-busy={navigation.state === 'loading' || undefined}
      >
        <Outlet />
      </main>
      {account && <PendingConsents />}
      <SiteFooter />
    </div>
  );
}

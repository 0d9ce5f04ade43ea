import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode, useId, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { isLocale, locales, resolveLocale, type Locale } from '@quorum/domain/shared/locale';
import type { Catalog } from './i18n/catalogs';
import { createTranslate } from './features/surveys/light-translate';
import { RespondEnvProvider, type RespondEnv } from './features/surveys/respond-env';
import { Respondent } from './features/surveys/respondent';
import { createClient, createQueryClient, TRPCProvider, useTRPC, useTRPCClient } from './trpc';
import { Alert } from './ui/alert';
import { errorKey } from './ui/form-errors';
import { useDocumentTitle } from './ui/page';
import { Spinner } from './ui/spinner-icon';
import './ui/ui.css';

/**
 * The light respondent entry (respond.html), which the server sends for /surveys/:id opened
 * directly (a link in a mail, a reload): the same Respondent as the shell's route, with
 * react-dom, TanStack Query and tRPC, but no router and no i18next — a small translate
 * function over the surveys texts instead (decision 028). Links leave it with a full page
 * load into the shell.
 */

/** One chunk per language, like the shell's catalogs, with only what this page shows. */
const loaders: Record<Locale, () => Promise<Catalog>> = {
  de: async () => (await import('./features/surveys/respond-catalog-de')).default,
  en: async () => (await import('./features/surveys/respond-catalog-en')).default,
};

/** The header switch's choice, as i18n.ts keeps it. */
function readSwitch(): string | null {
  try {
    return localStorage.getItem('quorum.locale');
  } catch {
    return null;
  }
}

/** Language names are written in their own language, as in the shell's switch. */
const names = { de: 'Deutsch', en: 'English' } as const;

/**
 * The shell's language switch, for this page: remembered on the device and saved to the
 * account (which wins over the switch), then the page loads again in the new language and
 * offers to resume where the saved progress ends (on the server after each page; on the
 * device for anonymous surveys).
 */
function LanguageSwitch({ env, displayName }: { env: RespondEnv; displayName: string }) {
  const id = useId();
  const client = useTRPCClient();
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {env.t('shell.language')}
      </label>
      <select
        id={id}
        value={env.locale}
        onChange={(event) => {
          const locale = event.target.value;
          if (!isLocale(locale)) return;
          try {
            localStorage.setItem('quorum.locale', locale);
          } catch {
            // not remembered on this device; the account still keeps it
          }
          void client.account.update
            .mutate({ displayName, locale })
            .catch(() => undefined)
            .finally(() => location.reload());
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

const plainLink = ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>;

function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

function NotFound({ env }: { env: RespondEnv }) {
  useDocumentTitle(env.t('notFound.title'));
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="page__title" tabIndex={-1}>
        {env.t('notFound.title')}
      </h1>
      <p className="muted">{env.t('notFound.text')}</p>
      <a className="button button--primary" href="/">
        {env.t('notFound.home')}
      </a>
    </div>
  );
}

function Survey({ surveyId, accountId, env }: { surveyId: string; accountId: string; env: RespondEnv }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.surveys.respondent.queryOptions({ surveyId, locale: env.locale }));
  if (view.isPending) return <Loading label={env.t('common.loading')} />;
  if (view.isError) {
    const key = errorKey(view.error);
    return key === 'errors.NOT_FOUND' ? <NotFound env={env} /> : <Alert tone="danger">{env.t(key)}</Alert>;
  }
  return <Respondent key={`${view.data.version}-${view.data.finished}`} view={view.data} accountId={accountId} />;
}

async function start(root: HTMLElement): Promise<void> {
  const surveyId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  const queryClient = createQueryClient();
  const trpcClient = createClient();
  const browser = resolveLocale({ switched: readSwitch(), browser: navigator.languages });
  const firstCatalog = loaders[browser]();
  let failure: unknown = null;
  const me = await trpcClient.auth.me.query().catch((error: unknown) => {
    failure = error;
    return null;
  });
  if (me && !me.account) {
    // Visitors sign in first and come back here (like the shell's RequireAccount).
    location.replace(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    return;
  }
  // The account's saved language wins, as in the shell (applyAccountLocale).
  const locale = resolveLocale({ saved: me?.account?.locale, switched: readSwitch(), browser: navigator.languages });
  const catalog = locale === browser ? await firstCatalog : await loaders[locale]();
  document.documentElement.lang = locale;
  const env: RespondEnv = { t: createTranslate(catalog, locale), locale, link: plainLink };
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RespondEnvProvider value={env}>
            <div className="shell">
              <header className="header">
                <div className="header__inner">
                  <a href="/" className="brand">
                    <img className="brand__mark" src="/favicon.svg" alt="" width="28" height="28" />
                    <span className="brand__name">Quorum</span>
                  </a>
                  <div className="header__nav">{me?.account && <LanguageSwitch env={env} displayName={me.account.displayName} />}</div>
                </div>
              </header>
              <main id="main" className="main" tabIndex={-1}>
                {me?.account ? (
                  <Survey surveyId={surveyId} accountId={me.account.id} env={env} />
                ) : (
                  <Alert tone="danger">{env.t(errorKey(failure))}</Alert>
                )}
              </main>
            </div>
          </RespondEnvProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('respond.html lacks #root');
void start(root);

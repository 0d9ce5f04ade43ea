import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { RequireAccount } from '../auth/use-session';
import { QueryState } from '../layout/query-state';
import { RespondEnvProvider, type RespondEnv } from './respond-env';
import { Respondent } from './respondent';

const routerLink = ({ to, children }: { to: string; children: ReactNode }) => <Link to={to}>{children}</Link>;

/**
 * The respondent page inside the shell (reached by a link within the app). Opened directly,
 * the server sends the light respondent entry instead (respond.html, respond-main.tsx),
 * which shows the same Respondent without the router and i18next: it has a page-weight
 * budget of its own.
 */
export function RespondPage() {
  const { surveyId = '' } = useParams();
  const trpc = useTRPC();
  const { t } = useTranslation();
  const locale = currentLocale();
  const view = useQuery(trpc.surveys.respondent.queryOptions({ surveyId, locale }));
  const env = useMemo<RespondEnv>(
    () => ({ t: (key, values) => String(t(key, values ?? {})), locale, link: routerLink }),
    [t, locale],
  );
  return (
    <RespondEnvProvider value={env}>
      <RequireAccount>
        {(account) => (
          <QueryState query={view}>{(data) => <Respondent key={`${data.version}-${data.finished}`} view={data} accountId={account.id} />}</QueryState>
        )}
      </RequireAccount>
    </RespondEnvProvider>
  );
}

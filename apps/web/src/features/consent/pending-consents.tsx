import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';

// The prompt renders Markdown: its code loads only when there is something to ask.
const ReconsentPrompt = lazy(() => import('./reconsent-prompt'));

/** On every visit: consents given on a text that changed since are asked again, one by one. */
export function PendingConsents() {
  useTranslation(); // asks again in the new language after a switch
  const trpc = useTRPC();
  const locale = currentLocale();
  const pending = useQuery(trpc.consent.pending.queryOptions({ locale }));
  if (!pending.data || pending.data.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <ReconsentPrompt items={pending.data} />
    </Suspense>
  );
}

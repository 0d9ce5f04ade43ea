import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';

// The prompts render Markdown and forms: their code loads only when there is something to ask.
const ReconsentPrompt = lazy(() => import('./reconsent-prompt'));
const OwedAnswersPrompt = lazy(() => import('../profile/owed-answers-prompt'));

/**
 * On every visit, what the member owes before taking part, one dialog at a time: consents
 * on changed texts and terms not accepted yet first, then required profile answers.
 */
export function PendingConsents() {
  useTranslation(); // asks again in the new language after a switch
  const trpc = useTRPC();
  const locale = currentLocale();
  const pending = useQuery(trpc.consent.pending.queryOptions({ locale }));
  const owed = useQuery(trpc.profile.owed.queryOptions());
  if (pending.data && pending.data.length > 0) {
    return (
      <Suspense fallback={null}>
        <ReconsentPrompt items={pending.data} />
      </Suspense>
    );
  }
  if (!pending.data || !owed.data || owed.data.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <OwedAnswersPrompt owed={owed.data} />
    </Suspense>
  );
}

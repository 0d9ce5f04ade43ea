import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SetupStep } from '@quorum/domain/shared/instance-settings';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { errorKey } from '../../ui/form-errors';
import { useMe } from '../auth/use-session';

const steps: { step: SetupStep; to?: string }[] = [
  { step: 'imprint', to: '/admin/settings' },
  { step: 'privacyContact', to: '/admin/settings' },
  { step: 'mail' },
  { step: 'legalTexts', to: '/admin/policies' },
];

/**
 * After the first run, instance admins see what a real install still lacks — the default
 * texts name "whoever is in the Impressum" and point to a privacy contact — until it is done.
 */
export function SetupChecklist() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useMe().data?.account?.isInstanceAdmin === true;
  const open = useQuery({ ...trpc.admin.setupSteps.queryOptions(), enabled: isAdmin });
  const confirm = useMutation(
    trpc.admin.confirmLegalTextsReviewed.mutationOptions({
      onSuccess: async (settings) => {
        queryClient.setQueryData(trpc.instance.settings.queryKey(), settings);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.setupSteps.queryKey() });
      },
    }),
  );
  if (!isAdmin || !open.data || open.data.length === 0) return null;
  return (
    <Card
      className="checklist"
      title={t('admin.setup.title')}
      subtitle={t('admin.setup.text', { count: open.data.length })}
    >
      {confirm.isError && <Alert tone="danger">{t(errorKey(confirm.error))}</Alert>}
      <ol className="checklist__steps">
        {steps.map(({ step, to }) => {
          const done = !open.data.includes(step);
          return (
            <li key={step} className="checklist__step">
              <div className="checklist__head">
                <span className="checklist__title">{t(`admin.setup.${step}.title`)}</span>
                <Badge tone={done ? 'success' : 'warning'}>
                  {t(done ? 'admin.setup.done' : 'admin.setup.open')}
                </Badge>
              </div>
              {!done && (
                <>
                  <p className="muted small">{t(`admin.setup.${step}.text`)}</p>
                  <div className="row">
                    {to && <Link to={to}>{t(`admin.setup.${step}.link`)}</Link>}
                    {step === 'legalTexts' && (
                      <Button
                        size="small"
                        variant="secondary"
                        busy={confirm.isPending}
                        onClick={() => confirm.mutate()}
                      >
                        {t('admin.setup.legalTexts.confirm')}
                      </Button>
                    )}
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

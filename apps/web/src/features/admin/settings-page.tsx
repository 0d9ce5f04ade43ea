import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  instanceSettingsInputSchema,
  type InstanceSettings,
} from '@quorum/domain/shared/instance-settings';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';

/** The operator's legal links (footer) and the minimum age sign-up asks for. */
export function SettingsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const settings = useQuery(trpc.instance.settings.queryOptions());
  return (
    <Page
      title={t('admin.settings.title')}
      description={t('admin.settings.description')}
      width="medium"
    >
      <QueryState query={settings}>{(current) => <SettingsForm current={current} />}</QueryState>
    </Page>
  );
}

/** Empty link fields mean "not set". */
const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function SettingsForm({ current }: { current: InstanceSettings }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm({ schema: instanceSettingsInputSchema });
  const save = useMutation(
    trpc.admin.saveSettings.mutationOptions({
      onSuccess: async (next) => {
        queryClient.setQueryData(trpc.instance.settings.queryKey(), next);
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.admin.setupSteps.queryKey() });
      },
      onError: form.fail,
    }),
  );
  return (
    <Card>
      <Form
        form={form}
        label={t('admin.settings.title')}
        onSubmit={(values) => {
          setSaved(false);
          form.submit(
            {
              minimumAge: values.minimumAge?.trim() ? Number(values.minimumAge) : Number.NaN,
              imprintUrl: orNull(values.imprintUrl),
              privacyContact: orNull(values.privacyContact),
            },
            save.mutate,
          );
        }}
      >
        {saved && <Alert tone="success">{t('common.saved')}</Alert>}
        <TextField
          name="imprintUrl"
          type="url"
          label={t('admin.settings.imprintUrl')}
          hint={t('admin.settings.imprintUrlHint')}
          optional
          defaultValue={current.imprintUrl ?? ''}
          error={form.fieldError('imprintUrl')}
        />
        <TextField
          name="privacyContact"
          label={t('admin.settings.privacyContact')}
          hint={t('admin.settings.privacyContactHint')}
          optional
          defaultValue={current.privacyContact ?? ''}
          error={form.fieldError('privacyContact')}
        />
        <TextField
          name="minimumAge"
          type="number"
          inputMode="numeric"
          min={13}
          max={21}
          label={t('admin.settings.minimumAge')}
          hint={t('admin.settings.minimumAgeHint')}
          defaultValue={current.minimumAge}
          error={form.fieldError('minimumAge')}
        />
        <div className="row">
          <Button type="submit" busy={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { updateCommunityInputSchema } from '@quorum/domain/communities/community';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { DocumentEditor } from '../admin/policies-page';
import { RequireAccount } from '../auth/use-session';
import { QueryState } from '../layout/query-state';
import { PurposesSection } from '../purposes/purposes-section';
import { CommunityFields } from './community-fields';
import { allowed, useCommunity, useRefreshCommunities } from './use-community';

export function CommunitySettingsPage() {
  const { page, viewer } = useCommunity();
  return (
    <RequireAccount>
      {() => (
        <QueryState query={page}>
          {(data) => <SettingsView data={data} mayUpdate={allowed(viewer, data, 'update')} />}
        </QueryState>
      )}
    </RequireAccount>
  );
}

function SettingsView({ data, mayUpdate }: { data: CommunityPage; mayUpdate: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCommunities();
  const { community } = data;
  const form = useForm({ schema: updateCommunityInputSchema });
  const update = useMutation(
    trpc.communities.update.mutationOptions({ onSuccess: refresh, onError: form.fail }),
  );
  return (
    <Page
      title={t('settings.title')}
      eyebrow={<Link to={`/c/${community.slug}`}>← {community.name}</Link>}
      width="medium"
    >
      {!mayUpdate ? (
        <Alert tone="warning">{t('errors.FORBIDDEN')}</Alert>
      ) : (
        <div className="stack">
          <Card>
            <Form
              form={form}
              onSubmit={(values) => {
                form.submit({ ...values, communityId: community.id }, update.mutate);
              }}
            >
              {update.isSuccess && <Alert tone="success">{t('common.saved')}</Alert>}
              <CommunityFields
                defaults={community}
                fieldError={form.fieldError}
                slugField={
                  <TextField
                    label={t('community.fields.slug')}
                    hint={t('settings.slugFixed')}
                    value={community.slug}
                    readOnly
                    mono
                  />
                }
              />
              <div className="row row--end">
                <Button type="submit" busy={update.isPending}>
                  {t('common.save')}
                </Button>
              </div>
            </Form>
          </Card>
          <PurposesSection communityId={community.id} />
          <DocumentEditor communityId={community.id} document="terms" label={t('settings.terms')} />
        </div>
      )}
    </Page>
  );
}

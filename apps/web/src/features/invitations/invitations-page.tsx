import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  CommunityPage,
  InvitationListEntry,
} from '@quorum/domain/communities/community-use-cases';
import {
  createInvitationInputSchema,
  type CreateInvitationInput,
  type InvitationState,
} from '@quorum/domain/communities/invitation';
import type { Role } from '@quorum/domain/communities/membership';
import {
  actionToGrant,
  roleSeesPersonalData,
  type Viewer,
} from '@quorum/domain/communities/permissions';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/dialog';
import { SelectField, TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { Form, useForm } from '../../ui/form';
import { useFormatDate } from '../../ui/format';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { EmptyState } from '../../ui/empty-state';
import { RequireAccount } from '../auth/use-session';
import { QueryState } from '../layout/query-state';
import { nextPage, PagedList } from '../lists/paged-list';
import { allowed, useCommunity } from '../communities/use-community';
import { CopyField } from './copy-field';

export function InvitationsPage() {
  const { page, viewer } = useCommunity();
  const { t } = useTranslation();
  return (
    <RequireAccount>
      {() => (
        <QueryState query={page}>
          {(data) =>
            allowed(viewer, data, 'manageInvitations') ? (
              <InvitationsView data={data} viewer={viewer} />
            ) : (
              <Page title={t('invitations.title')}>
                <Alert tone="warning">{t('errors.FORBIDDEN')}</Alert>
              </Page>
            )
          }
        </QueryState>
      )}
    </RequireAccount>
  );
}

const expiryChoices = [1, 7, 30, 90] as const;

function InvitationsView({ data, viewer }: { data: CommunityPage; viewer: Viewer }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { community } = data;
  const communityId = community.id;
  const list = useInfiniteQuery(
    trpc.invitations.list.infiniteQueryOptions({ communityId }, nextPage),
  );
  const [revoking, setRevoking] = useState<InvitationListEntry | null>(null);
  const refreshList = () => list.refetch();
  const form = useForm({ schema: createInvitationInputSchema });
  const grantable = (['member', 'researcher'] as const).filter((role) =>
    allowed(viewer, data, actionToGrant(role)),
  );
  const [role, setRole] = useState<Role>('member');
  // A link that makes its users researchers is confirmed first (they read personal data).
  const [confirming, setConfirming] = useState<CreateInvitationInput | null>(null);
  const create = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: async () => {
        form.formRef.current?.reset();
        await refreshList();
      },
      onError: form.fail,
    }),
  );
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: refreshList,
      onSettled: () => setRevoking(null),
    }),
  );

  return (
    <Page
      title={t('invitations.title')}
      eyebrow={<Link to={`/c/${community.slug}`}>← {community.name}</Link>}
      description={t('invitations.description')}
    >
      <div className="community-layout">
        <div className="stack">
          <Card title={t('invitations.listTitle')}>
            {revoke.isError && <Alert tone="danger">{t(errorKey(revoke.error))}</Alert>}
            <PagedList
              query={list}
              empty={
                <EmptyState title={t('invitations.emptyTitle')}>
                  {t('invitations.emptyText')}
                </EmptyState>
              }
            >
              {(entries) => (
                <List label={t('invitations.listTitle')}>
                  {entries.map((invitation) => (
                    <InvitationRow
                      key={invitation.id}
                      invitation={invitation}
                      onRevoke={() => setRevoking(invitation)}
                    />
                  ))}
                </List>
              )}
            </PagedList>
          </Card>
        </div>
        <Card title={t('invitations.createTitle')}>
          <div className="stack stack--tight">
            {/* In place and focused: at 375 px the list above is far out of sight. */}
            {create.isSuccess && (
              <Alert tone="success" title={t('invitations.createdTitle')}>
                <p>{t('invitations.createdText')}</p>
                <CopyField value={create.data.url} label={t('invitations.link')} focusOnShow />
              </Alert>
            )}
            <Form
              form={form}
              onSubmit={(values) => {
                form.submit(
                  {
                    communityId,
                    role: values.role,
                    note: values.note,
                    expiresInDays: Number(values.expiresInDays),
                    // Empty means "no limit"; anything else must be a whole number.
                    maxUses: values.maxUses?.trim() ? Number(values.maxUses) : null,
                  },
                  (input) =>
                    roleSeesPersonalData(input.role) ? setConfirming(input) : create.mutate(input),
                );
              }}
            >
              <SelectField
                name="role"
                label={t('invitations.role')}
                hint={t(`roleInfo.${role}`)}
                value={role}
                onChange={(event) => setRole(event.target.value as Role)}
                // An invitation grants no more than its creator could grant directly.
                options={grantable.map((option) => ({
                  value: option,
                  label: t(`roles.${option}`),
                }))}
                error={form.fieldError('role')}
              />
              <TextField
                name="note"
                label={t('invitations.note')}
                hint={t('invitations.noteHint')}
                optional
                maxLength={200}
                error={form.fieldError('note')}
              />
              <SelectField
                name="expiresInDays"
                label={t('invitations.expiresIn')}
                defaultValue="7"
                options={expiryChoices.map((days) => ({
                  value: String(days),
                  label: t('invitations.days', { count: days }),
                }))}
                error={form.fieldError('expiresInDays')}
              />
              <TextField
                name="maxUses"
                type="number"
                inputMode="numeric"
                min={1}
                label={t('invitations.maxUses')}
                hint={t('invitations.maxUsesHint')}
                defaultValue="1"
                error={form.fieldError('maxUses')}
              />
              <Button type="submit" busy={create.isPending}>
                {t('invitations.create')}
              </Button>
            </Form>
          </div>
        </Card>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={t('roleInfo.confirmInviteTitle')}
        confirmLabel={t('roleInfo.confirmInvite')}
        onConfirm={() => {
          if (confirming) create.mutate(confirming);
          setConfirming(null);
        }}
        onCancel={() => setConfirming(null)}
      >
        <p>{t('roleInfo.confirmInviteText', { role: t(`roles.${role}`) })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={revoking !== null}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('invitations.revoke')}
        tone="danger"
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ invitationId: revoking.id })}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('invitations.revokeText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

const stateTone: Record<InvitationState, 'success' | 'neutral' | 'warning' | 'danger'> = {
  usable: 'success',
  expired: 'neutral',
  used_up: 'warning',
  revoked: 'danger',
};

function InvitationRow({
  invitation,
  onRevoke,
}: {
  invitation: InvitationListEntry;
  onRevoke: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const title =
    invitation.note || t('invitations.forRole', { role: t(`roles.${invitation.role}`) });
  const uses =
    invitation.maxUses === null
      ? t('invitations.usesUnlimited', { count: invitation.uses })
      : t('invitations.usesOf', { uses: invitation.uses, max: invitation.maxUses });
  return (
    <ListItem
      title={title}
      meta={
        <>
          {t('invitations.meta', {
            created: formatDate(invitation.createdAt),
            expires: formatDate(invitation.expiresAt),
          })}
          <br />
          {uses}
        </>
      }
      actions={
        <>
          <Badge tone={stateTone[invitation.state]}>
            {t(`invitations.state.${invitation.state}`)}
          </Badge>
          {invitation.state === 'usable' && (
            <Button
              variant="ghost"
              size="small"
              onClick={onRevoke}
              aria-label={t('invitations.revokeNamed', { name: title })}
            >
              {t('invitations.revoke')}
            </Button>
          )}
        </>
      }
    />
  );
}

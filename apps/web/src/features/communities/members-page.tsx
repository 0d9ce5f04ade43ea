import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import { roles, type MemberListEntry, type Role } from '@quorum/domain/communities/membership';
import {
  canRemoveMember,
  roleSeesPersonalData,
  type Viewer,
} from '@quorum/domain/communities/permissions';
import { useTRPC } from '../../trpc';
import { useAnnounce } from '../../ui/announcer';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/dialog';
import { SelectField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { Avatar, List, ListItem } from '../../ui/list';
import { EmptyState } from '../../ui/empty-state';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { nextPage, PagedList, SearchField, useSearch } from '../lists/paged-list';
import { RoleBadge } from './community-badges';
import { RoleGuide } from './role-guide';
import { MemberDetailsDialog } from './member-details-dialog';
import { allowed, useCommunity, useRefreshCommunities } from './use-community';

/** Every member of a community, newest first, page by page; searchable by name. */
export function MembersPage() {
  const { page, viewer } = useCommunity();
  return (
    <QueryState query={page}>{(data) => <MembersView data={data} viewer={viewer} />}</QueryState>
  );
}

function MembersView({ data, viewer }: { data: CommunityPage; viewer: Viewer }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { community } = data;
  const communityId = community.id;
  const { input, setInput, search } = useSearch();
  const [scope, setScope] = useState<'all' | 'staff'>('all');
  const members = useInfiniteQuery({
    ...trpc.communities.members.infiniteQueryOptions(
      { communityId, search, staff: scope === 'staff' },
      nextPage,
    ),
    enabled: allowed(viewer, data, 'viewMembers'),
    // While a new search loads, the old rows stay instead of a spinner.
    placeholderData: keepPreviousData,
  });
  const refresh = useRefreshCommunities();
  const formatDate = useFormatDate();
  const [removing, setRemoving] = useState<MemberListEntry | null>(null);
  const [inspecting, setInspecting] = useState<MemberListEntry | null>(null);
  // Staff (and instance admins) may look closer, saying why: the server audits it.
  const mayInspect = allowed(viewer, data, 'viewMemberDetails');
  const announce = useAnnounce();
  const changeRole = useMutation(
    trpc.communities.changeRole.mutationOptions({
      onSuccess: async (_result, input) => {
        const name = members.data?.pages
          .flatMap((page) => page.items)
          .find((member) => member.accountId === input.accountId)?.displayName;
        if (name) announce(t('community.roleChanged', { name, role: t(`roles.${input.role}`) }));
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.communities.removeMember.mutationOptions({
      onSuccess: refresh,
      onSettled: () => setRemoving(null),
    }),
  );
  const manageRoles = allowed(viewer, data, 'manageRoles');
  const failed = changeRole.error ?? remove.error;

  return (
    <Page
      title={t('members.title')}
      eyebrow={<Link to={`/c/${community.slug}`}>← {community.name}</Link>}
      description={t('community.memberCount', { count: data.memberCount })}
    >
      <Card>
        <div className="stack stack--tight">
          <div className="row members__filters">
            <SearchField label={t('members.search')} value={input} onChange={setInput} />
            <SelectField
              label={t('members.show')}
              value={scope}
              onChange={(event) => setScope(event.target.value as 'all' | 'staff')}
              options={[
                { value: 'all', label: t('members.everyone') },
                { value: 'staff', label: t('members.staffOnly') },
              ]}
            />
          </div>
          {manageRoles && <RoleGuide />}
          {failed && <Alert tone="danger">{t(errorKey(failed))}</Alert>}
          <PagedList query={members} empty={<EmptyState title={t('lists.noMatches')} />}>
            {(entries) => (
              <List label={t('community.members')}>
                {entries.map((member) => {
                  const self = member.accountId === viewer?.accountId;
                  const removable = !self && canRemoveMember(viewer, data.viewerRole, member.role);
                  return (
                    <ListItem
                      key={member.accountId}
                      leading={<Avatar name={member.displayName} />}
                      title={
                        <>
                          {member.displayName}
                          {self && <span className="muted"> ({t('community.you')})</span>}
                        </>
                      }
                      meta={t('community.joined', { date: formatDate(member.joinedAt) })}
                      actions={
                        <>
                          {manageRoles && !self ? (
                            <RoleEditor
                              member={member}
                              busy={
                                changeRole.isPending &&
                                changeRole.variables.accountId === member.accountId
                              }
                              onSave={(role) =>
                                changeRole.mutate({
                                  communityId,
                                  accountId: member.accountId,
                                  role,
                                })
                              }
                            />
                          ) : (
                            <RoleBadge role={member.role} />
                          )}
                          {mayInspect && !self && (
                            <Button
                              variant="ghost"
                              size="small"
                              onClick={() => setInspecting(member)}
                              aria-label={t('memberDetails.openNamed', {
                                name: member.displayName,
                              })}
                            >
                              {t('memberDetails.open')}
                            </Button>
                          )}
                          {removable && (
                            <Button
                              variant="ghost"
                              size="small"
                              onClick={() => setRemoving(member)}
                              aria-label={t('community.removeNamed', { name: member.displayName })}
                            >
                              {t('community.remove')}
                            </Button>
                          )}
                        </>
                      }
                    />
                  );
                })}
              </List>
            )}
          </PagedList>
        </div>
      </Card>
      <MemberDetailsDialog
        communityId={communityId}
        member={inspecting}
        onClose={() => setInspecting(null)}
      />
      <ConfirmDialog
        open={removing !== null}
        title={t('community.removeTitle', { name: removing?.displayName ?? '' })}
        confirmLabel={t('community.remove')}
        tone="danger"
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate({ communityId, accountId: removing.accountId })}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('community.removeText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

/**
 * Choose, then apply: arrow keys in a closed select must not fire a request per step.
 * A role that reads members' personal data is confirmed first.
 */
function RoleEditor({
  member,
  busy,
  onSave,
}: {
  member: MemberListEntry;
  busy: boolean;
  onSave: (role: Role) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(member.role);
  const [confirming, setConfirming] = useState(false);
  const grantsPersonalData = roleSeesPersonalData(role) && !roleSeesPersonalData(member.role);
  return (
    <>
      <select
        className="select"
        aria-label={t('community.roleOf', { name: member.displayName })}
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {roles.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </select>
      {role !== member.role && (
        <Button
          size="small"
          busy={busy}
          onClick={() => (grantsPersonalData ? setConfirming(true) : onSave(role))}
        >
          {t('community.applyRole')}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('roleInfo.confirmTitle', { name: member.displayName })}
        confirmLabel={t('roleInfo.confirm')}
        onConfirm={() => {
          setConfirming(false);
          onSave(role);
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('roleInfo.confirmText', { name: member.displayName, role: t(`roles.${role}`) })}</p>
        <p className="muted small">{t(`roleInfo.${role}`)}</p>
      </ConfirmDialog>
    </>
  );
}

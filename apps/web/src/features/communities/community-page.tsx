import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CommunityPage as CommunityData } from '@quorum/domain/communities/community-use-cases';
import type { Viewer } from '@quorum/domain/communities/permissions';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/dialog';
import { TextAreaField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { Facts } from '../../ui/list';
import { Page } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { QueryState } from '../layout/query-state';
import { RoleBadge, VisibilityBadge } from './community-badges';
import type { JoinAgreements } from './join-dialog';
import { needsJoinDialog } from './needs-join-dialog';
import { JoinRequestsCard } from './join-requests-card';
import { MembersSummaryCard } from './members-summary-card';
import { allowed, useCommunity, useRefreshCommunities } from './use-community';
import { WelcomeCard, welcomeState } from './welcome-card';

// Only people who may join load the dialog, with its Markdown renderer and validation.
const JoinDialog = lazy(async () => ({ default: (await import('./join-dialog')).JoinDialog }));
// The discussions (and their texts) load beside the page, which shows before them.
const CommunityDiscussions = lazy(async () => ({
  default: (await import('../discussions/community-discussions')).CommunityDiscussions,
}));

export function CommunityPage() {
  const { page, viewer } = useCommunity();
  return (
    <QueryState query={page}>{(data) => <CommunityView data={data} viewer={viewer} />}</QueryState>
  );
}

function CommunityView({ data, viewer }: { data: CommunityData; viewer: Viewer }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const { community, viewerRole } = data;
  const staffLinks = (
    <>
      {(viewerRole || allowed(viewer, data, 'manageSurveys')) && (
        <ButtonLink to={`/c/${community.slug}/surveys`} variant="secondary">
          {t('surveys.list.title')}
        </ButtonLink>
      )}
      {viewerRole && (
        <ButtonLink to={`/c/${community.slug}/profile`} variant="secondary">
          {t('community.yourProfile')}
        </ButtonLink>
      )}
      {allowed(viewer, data, 'update') && (
        <ButtonLink to={`/c/${community.slug}/attributes`} variant="secondary">
          {t('community.attributes')}
        </ButtonLink>
      )}
      {allowed(viewer, data, 'manageInvitations') && (
        <ButtonLink to={`/c/${community.slug}/invitations`} variant="secondary">
          {t('community.invitations')}
        </ButtonLink>
      )}
      {allowed(viewer, data, 'update') && (
        <ButtonLink to={`/c/${community.slug}/settings`} variant="secondary">
          {t('community.settings')}
        </ButtonLink>
      )}
    </>
  );
  return (
    <Page
      title={community.name}
      eyebrow={
        <span className="row">
          <VisibilityBadge visibility={community.visibility} />
          {viewerRole && <RoleBadge role={viewerRole} />}
        </span>
      }
      description={community.description || undefined}
      actions={staffLinks}
    >
      <div className="community-layout">
        <div className="stack">
          {viewerRole && <WelcomeCard data={data} />}
          <MembershipCard data={data} viewer={viewer} />
          {data.canRead && (
            <Suspense fallback={<Loading />}>
              <CommunityDiscussions data={data} viewer={viewer} />
            </Suspense>
          )}
          {/* Only private communities take requests: invite-only ones would show an empty card forever. */}
          {allowed(viewer, data, 'reviewJoinRequests') && community.visibility === 'private' && (
            <JoinRequestsCard communityId={community.id} />
          )}
          {allowed(viewer, data, 'viewMembers') && <MembersSummaryCard data={data} />}
        </div>
        <Card title={t('community.about')} level={2}>
          <Facts
            items={[
              {
                label: t('community.fields.visibility'),
                value: t(`visibility.${community.visibility}.label`),
              },
              {
                label: t('community.members'),
                value: t('community.memberCount', { count: data.memberCount }),
              },
              {
                label: t('community.fields.defaultLocale'),
                value:
                  new Intl.DisplayNames([i18n.language], { type: 'language' }).of(
                    community.defaultLocale,
                  ) ?? community.defaultLocale,
              },
              { label: t('community.created'), value: formatDate(community.createdAt) },
            ]}
          />
        </Card>
      </div>
    </Page>
  );
}

/** Join, request to join, or leave — whichever the viewer may do right now. */
function MembershipCard({ data, viewer }: { data: CommunityData; viewer: Viewer }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCommunities();
  const { community, viewerRole } = data;
  const communityId = community.id;
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [message, setMessage] = useState('');
  const [joining, setJoining] = useState(false);
  const mayJoin = !viewerRole && allowed(viewer, data, 'join');
  const requirements = useQuery({
    ...trpc.communities.joinRequirements.queryOptions({ communityId }),
    enabled: mayJoin,
  });
  const navigate = useNavigate();
  const join = useMutation(
    trpc.communities.join.mutationOptions({
      onSuccess: async () => {
        setJoining(false);
        await refresh();
        await navigate(`/c/${community.slug}`, { replace: true, state: welcomeState });
      },
    }),
  );
  const joinWith = (agreements?: JoinAgreements) => join.mutate({ communityId, ...agreements });
  const leave = useMutation(
    trpc.communities.leave.mutationOptions({
      onSuccess: refresh,
      onSettled: () => setConfirmLeave(false),
    }),
  );
  const request = useMutation(
    trpc.communities.requestToJoin.mutationOptions({
      onSuccess: async () => {
        setRequesting(false);
        await refresh();
      },
    }),
  );
  const failed = [join, leave, request].find((mutation) => mutation.isError && !joining)?.error;

  let body: React.ReactNode;
  if (!viewer) {
    body = (
      <>
        <p>{t('community.signInToJoin')}</p>
        <div className="row">
          <ButtonLink to={`/sign-in?next=${encodeURIComponent(`/c/${community.slug}`)}`}>
            {t('shell.signIn')}
          </ButtonLink>
          <ButtonLink
            to={`/sign-up?next=${encodeURIComponent(`/c/${community.slug}`)}`}
            variant="secondary"
          >
            {t('signIn.signUpLink')}
          </ButtonLink>
        </div>
      </>
    );
  } else if (viewerRole) {
    body = (
      <div className="row">
        <p className="muted">
          {viewerRole === 'member'
            ? t('community.youAreMember')
            : t('community.youAreStaff', { role: t(`roles.${viewerRole}`) })}
        </p>
        <Button variant="secondary" size="small" onClick={() => setConfirmLeave(true)}>
          {t('community.leave')}
        </Button>
      </div>
    );
  } else if (mayJoin) {
    body = (
      <div className="row">
        <p className="muted">{t('community.joinText')}</p>
        <Button
          onClick={() => (needsJoinDialog(requirements.data) ? setJoining(true) : joinWith())}
          busy={join.isPending || requirements.isPending}
        >
          {t('community.join')}
        </Button>
      </div>
    );
  } else if (data.hasPendingRequest) {
    body = (
      <div className="row">
        <Badge tone="warning">{t('community.requestPending')}</Badge>
        <p className="muted">{t('community.requestPendingText')}</p>
      </div>
    );
  } else if (allowed(viewer, data, 'requestToJoin')) {
    body = (
      <div className="row">
        <p className="muted">{t('community.requestText')}</p>
        <Button onClick={() => setRequesting(true)}>{t('community.requestToJoin')}</Button>
      </div>
    );
  } else {
    body = <p className="muted">{t('community.inviteOnlyText')}</p>;
  }

  return (
    <Card title={viewerRole ? t('community.yourMembership') : t('community.joinTitle')}>
      <div className="stack stack--tight">
        {!data.canRead && <p>{t('community.privateText')}</p>}
        {body}
        {failed && <Alert tone="danger">{t(errorKey(failed))}</Alert>}
      </div>
      {requirements.data && (
        <Suspense fallback={null}>
          <JoinDialog
            open={joining}
            communityName={community.name}
            requirements={requirements.data}
            busy={join.isPending}
            error={join.error}
            onJoin={joinWith}
            onCancel={() => setJoining(false)}
          />
        </Suspense>
      )}
      <ConfirmDialog
        open={confirmLeave}
        title={t('community.leaveTitle', { name: community.name })}
        confirmLabel={t('community.leave')}
        tone="danger"
        busy={leave.isPending}
        onConfirm={() => leave.mutate({ communityId })}
        onCancel={() => setConfirmLeave(false)}
      >
        <p>
          {community.visibility === 'public'
            ? t('community.leaveTextPublic')
            : t('community.leaveText')}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={requesting}
        title={t('community.requestTitle', { name: community.name })}
        confirmLabel={t('community.sendRequest')}
        busy={request.isPending}
        onConfirm={() => request.mutate({ communityId, message })}
        onCancel={() => setRequesting(false)}
      >
        <TextAreaField
          label={t('community.requestMessage')}
          optional
          value={message}
          maxLength={1000}
          onChange={(event) => setMessage(event.target.value)}
        />
      </ConfirmDialog>
    </Card>
  );
}

import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationOffer } from '@quorum/domain/communities/profile-use-cases';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { errorKey } from '../../ui/form-errors';
import { Page } from '../../ui/page';
import { useMe } from '../auth/use-session';
import { VisibilityBadge } from '../communities/community-badges';
import { JoinDialog, type JoinAgreements } from '../communities/join-dialog';
import { needsJoinDialog } from '../communities/needs-join-dialog';
import { QueryState } from '../layout/query-state';
import { welcomeState } from '../communities/welcome-card';

const stateError = {
  expired: 'errors.INVITATION_EXPIRED',
  used_up: 'errors.INVITATION_USED_UP',
  revoked: 'errors.INVITATION_REVOKED',
} as const;

/** Where an invitation link lands: what it is for, then sign in or up, then accept. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const preview = useQuery(trpc.invitations.preview.queryOptions({ token }));
  return (
    <QueryState query={preview}>
      {(data) => <InvitationView token={token} preview={data} />}
    </QueryState>
  );
}

function InvitationView({ token, preview }: { token: string; preview: InvitationOffer }) {
  const { t } = useTranslation();
  const [joining, setJoining] = useState(false);
  const trpc = useTRPC();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async ({ slug }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.communities.pathKey() });
        await navigate(`/c/${slug}`, { state: welcomeState });
      },
    }),
  );
  const { community, state, requirements } = preview;
  const acceptWith = (agreements?: JoinAgreements) => accept.mutate({ token, ...agreements });
  const here = encodeURIComponent(`/invite/${token}`);

  let body: React.ReactNode;
  if (preview.alreadyMember) {
    body = (
      <>
        <Alert tone="info">{t('invitation.alreadyMember')}</Alert>
        <ButtonLink to={`/c/${community.slug}`}>{t('invitation.open')}</ButtonLink>
      </>
    );
  } else if (state !== 'usable') {
    body = (
      <>
        <Alert tone="warning">{t(stateError[state])}</Alert>
        {/* Someone who used this link before just needs to sign in (then it opens the community). */}
        {!me.data?.account && (
          <p>
            {t('invitation.alreadyMemberQuestion')}{' '}
            <Link to={`/sign-in?next=${here}`}>{t('shell.signIn')}</Link>
          </p>
        )}
      </>
    );
  } else if (!me.data?.account) {
    body = (
      <>
        <p>{t('invitation.signInFirst')}</p>
        <div className="row">
          <ButtonLink to={`/sign-up?next=${here}`}>{t('invitation.signUp')}</ButtonLink>
          <ButtonLink to={`/sign-in?next=${here}`} variant="secondary">
            {t('shell.signIn')}
          </ButtonLink>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p>{t('invitation.acceptAs', { name: me.data.account.displayName })}</p>
        <div className="row">
          <Button
            onClick={() =>
              needsJoinDialog(requirements ?? undefined) ? setJoining(true) : acceptWith()
            }
            busy={accept.isPending}
          >
            {t('invitation.accept')}
          </Button>
        </div>
        {accept.isError && !joining && <Alert tone="danger">{t(errorKey(accept.error))}</Alert>}
        {requirements && (
          <JoinDialog
            open={joining}
            communityName={community.name}
            requirements={requirements}
            submitLabel={t('invitation.accept')}
            busy={accept.isPending}
            error={accept.error}
            onJoin={acceptWith}
            onCancel={() => setJoining(false)}
          />
        )}
      </>
    );
  }

  return (
    <Page
      title={t('invitation.title', { name: community.name })}
      eyebrow={<VisibilityBadge visibility={community.visibility} />}
      width="medium"
    >
      <Card>
        <div className="stack stack--tight">
          {community.description && <p className="page__description">{community.description}</p>}
          {body}
        </div>
      </Card>
    </Page>
  );
}

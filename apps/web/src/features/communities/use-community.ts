import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { can, type CommunityAction, type Viewer } from '@quorum/domain/communities/permissions';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import { useTRPC } from '../../trpc';
import { useMe } from '../auth/use-session';

/** The community of the current `/c/:slug` route and the viewer as the domain sees them. */
export function useCommunity() {
  const { slug = '' } = useParams();
  const trpc = useTRPC();
  const me = useMe();
  const page = useQuery(trpc.communities.bySlug.queryOptions({ slug }));
  const account = me.data?.account ?? null;
  const viewer: Viewer = account
    ? { accountId: account.id, isInstanceAdmin: account.isInstanceAdmin }
    : null;
  return { slug, page, viewer, account };
}

/** The same permission rule the server applies, to decide which buttons to show. */
export function allowed(viewer: Viewer, data: CommunityPage, action: CommunityAction): boolean {
  return can(viewer, action, { visibility: data.community.visibility, role: data.viewerRole });
}

/** After joining, leaving or a role change: everything about communities may have changed. */
export function useRefreshCommunities() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.communities.pathKey() });
}

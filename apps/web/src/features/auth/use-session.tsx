import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { useTRPC } from '../../trpc';
import { Loading } from '../../ui/spinner';

/** Who is signed in (null = visitor), whether setup is pending, what they may create. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions());
}

export type MeAccount = NonNullable<NonNullable<ReturnType<typeof useMe>['data']>['account']>;

/**
 * Fetches "who am I" anew after a change on the server. A first fetch still in flight
 * (a page opened from an email link) may have read the old state, and TanStack Query
 * would hand its answer to the refetch: so cancel it first, then refetch.
 */
export function useRefreshMe() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    const queryKey = trpc.auth.me.queryKey();
    await queryClient.cancelQueries({ queryKey });
    await queryClient.invalidateQueries({ queryKey });
  };
}

/** After a sign-in or sign-out every cached answer may differ: start over. */
export function useResetSession() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
  };
}

/**
 * Where to go after signing in: only same-site paths, never an open redirect. Read as the
 * browser reads it (a backslash is a slash, tabs and newlines vanish), so "/\evil.example"
 * cannot pass for a path.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/')) return '/';
  const here = 'http://quorum.invalid';
  const url = new URL(next, here);
  return url.origin === here ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/** Sends visitors to sign in and back here afterwards. */
export function RequireAccount({ children }: { children: (account: MeAccount) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  const account = me.data?.account;
  if (!account) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return <>{children(account)}</>;
}

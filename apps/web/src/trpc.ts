import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import superjson from 'superjson';
import type { AppRouter } from '@quorum/server/router';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx answer (not found, forbidden, bad input) will not change on a retry.
        retry: (failureCount, error) => failureCount < 2 && !isClientError(error),
        refetchOnWindowFocus: false,
      },
    },
  });
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * The server reads input as plain JSON (superjson's input meta could cost it quadratic time)
 * and answers with superjson, so Dates come back as Dates. Mirrors apps/server/src/transformer.ts.
 */
const transformer = {
  input: {
    serialize: (value: unknown): unknown => value,
    deserialize: (value: unknown): unknown => value,
  },
  output: superjson,
};

export function createClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        // The server refuses batches of more than 10 calls (maxBatchSize); larger ones are split.
        maxItems: 10,
        transformer,
        // The server rejects mutations without this header (CSRF: a cross-site form cannot set it).
        headers: { 'x-quorum-csrf': '1' },
        fetch: (url, options) => fetch(url, { ...options, credentials: 'same-origin' }),
      }),
    ],
  });
}

import type { UseCaseContext } from '@quorum/domain/communities/community-use-cases';
import type { Context } from '../context.js';

/** What a domain use case gets from a request: who asks, the clock, the id maker. */
export function useCaseContext(ctx: Context): UseCaseContext {
  return { viewer: ctx.viewer, clock: ctx.clock, newId: ctx.newId };
}

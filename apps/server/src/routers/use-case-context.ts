import type { ConsentContext } from '@quorum/domain/consent/consent-use-cases';
import type { Context } from '../context.js';

/** What a domain use case gets from a request: who asks, the clock, the id maker, the request id. */
export function useCaseContext(ctx: Context): ConsentContext {
  return { viewer: ctx.viewer, clock: ctx.clock, newId: ctx.newId, requestId: ctx.requestId };
}

import { communityPurposeInputSchema } from '@quorum/domain/consent/purpose-register';
import * as policies from '@quorum/domain/consent/policy-use-cases';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

/** A community's own purposes, beside the instance's register. */
export const purposesRouter = router({
  // Whoever may read the community (its members, staff; anyone for a public one).
  list: publicProcedure
    .input(policies.communityPurposesInputSchema)
    .query(({ ctx, input }) =>
      policies.listCommunityPurposes(ctx.db.repositories, useCaseContext(ctx), input.communityId, input.locale ?? ctx.account?.locale ?? null),
    ),
  // Owners (checked in the use case): the purpose and version 1 of its consent text, in one transaction.
  add: signedInProcedure
    .input(communityPurposeInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.unitOfWork.transaction((repos) => policies.addCommunityPurpose(repos, useCaseContext(ctx), input)),
    ),
});

import { policyQueryInputSchema, publishPolicyInputSchema } from '@quorum/domain/consent/policy-text';
import * as policies from '@quorum/domain/consent/policy-use-cases';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const policiesRouter = router({
  current: publicProcedure
    .input(policyQueryInputSchema)
    .query(({ ctx, input }) => policies.currentPolicy(ctx.db.repositories, useCaseContext(ctx), input)),
  versions: publicProcedure
    .input(policies.policyVersionsInputSchema)
    .query(({ ctx, input }) => policies.policyVersions(ctx.db.repositories, useCaseContext(ctx), input)),
  // Instance texts: admins; a community's own texts: its owners (checked in the use case).
  publish: signedInProcedure
    .input(publishPolicyInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.unitOfWork.transaction((repos) => policies.publishPolicy(repos, useCaseContext(ctx), input)),
    ),
});

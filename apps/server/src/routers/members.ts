import * as privacy from '@quorum/domain/privacy/privacy-use-cases';
import { router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const membersRouter = router({
  // A mutation, though it reads: it writes the audit entry, and must not be prefetched or retried.
  details: signedInProcedure
    .input(privacy.memberDetailsInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => privacy.memberDetails(repos, useCaseContext(ctx), input))),
});

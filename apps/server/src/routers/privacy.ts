import { z } from 'zod';
import * as privacy from '@quorum/domain/privacy/privacy-use-cases';
import * as accounts from '../auth/account-service.js';
import { router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const privacyRouter = router({
  center: signedInProcedure.input(z.void()).query(({ ctx }) => privacy.privacyCenter(ctx.db.repositories, ctx.account.id)),
  requestExport: signedInProcedure
    .input(z.void())
    .mutation(({ ctx }) =>
      ctx.db.unitOfWork.transaction((repos) =>
        privacy.requestExport(repos, useCaseContext(ctx), { accountId: ctx.account.id, requestedBy: ctx.account.id, reason: null }),
      ),
    ),
  deleteAccount: signedInProcedure
    .input(privacy.deleteAccountInputSchema)
    .mutation(({ ctx, input }) => accounts.deleteOwnAccount(ctx, input)),
});

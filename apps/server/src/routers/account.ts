import {
  changeEmailInputSchema,
  changePasswordInputSchema,
  tokenInputSchema,
  updateAccountInputSchema,
} from '@quorum/domain/accounts/account';
import * as accounts from '../auth/account-service.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

export const accountRouter = router({
  update: signedInProcedure
    .input(updateAccountInputSchema)
    .mutation(({ ctx, input }) => accounts.updateAccount(ctx, input)),
  changePassword: signedInProcedure
    .input(changePasswordInputSchema)
    .mutation(({ ctx, input }) => accounts.changePassword(ctx, input)),
  requestEmailChange: signedInProcedure
    .input(changeEmailInputSchema)
    .mutation(({ ctx, input }) => accounts.requestEmailChange(ctx, input)),
  // Public: the token is the permission, and the link may open in another browser.
  confirmEmailChange: publicProcedure
    .input(tokenInputSchema)
    .mutation(({ ctx, input }) => accounts.confirmEmailChange(ctx, input)),
});

import { z } from 'zod';
import {
  completeSetupInputSchema,
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  signInInputSchema,
  signUpInputSchema,
  tokenInputSchema,
} from '@quorum/domain/accounts/account';
import * as accounts from '../auth/account-service.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

export const authRouter = router({
  me: publicProcedure.input(z.void()).query(({ ctx }) => accounts.me(ctx)),
  signUp: publicProcedure.input(signUpInputSchema).mutation(({ ctx, input }) => accounts.signUp(ctx, input)),
  signIn: publicProcedure.input(signInInputSchema).mutation(({ ctx, input }) => accounts.signIn(ctx, input)),
  signOut: publicProcedure.input(z.void()).mutation(({ ctx }) => accounts.signOut(ctx)),
  verifyEmail: publicProcedure.input(tokenInputSchema).mutation(({ ctx, input }) => accounts.verifyEmail(ctx, input)),
  resendVerification: signedInProcedure.input(z.void()).mutation(({ ctx }) => accounts.resendVerification(ctx)),
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInputSchema)
    .mutation(({ ctx, input }) => accounts.requestPasswordReset(ctx, input)),
  resetPassword: publicProcedure
    .input(resetPasswordInputSchema)
    .mutation(({ ctx, input }) => accounts.resetPassword(ctx, input)),
  completeSetup: publicProcedure
    .input(completeSetupInputSchema)
    .mutation(({ ctx, input }) => accounts.completeSetup(ctx, input)),
});

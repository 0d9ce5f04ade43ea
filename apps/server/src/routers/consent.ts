import * as consent from '@quorum/domain/consent/consent-use-cases';
import { rateLimits } from '../auth/rate-limit.js';
import { limitWrites, publicProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const consentRouter = router({
  signUpTexts: publicProcedure.input(consent.localeInputSchema).query(async ({ ctx, input }) => {
    const settings = await ctx.db.repositories.settings.get();
    return consent.signUpTexts(ctx.db.repositories, input.locale, settings.minimumAge);
  }),
  overview: signedInProcedure
    .input(consent.localeInputSchema)
    .query(({ ctx, input }) => consent.consentOverview(ctx.db.repositories, ctx.viewer, input.locale)),
  pending: signedInProcedure
    .input(consent.localeInputSchema)
    .query(({ ctx, input }) => consent.pendingConsents(ctx.db.repositories, ctx.viewer, input.locale)),
  decide: signedInProcedure
    .use(limitWrites(rateLimits.consentDecisionsPerAccount, rateLimits.consentDecisionsPerAccountDay))
    .input(consent.decideConsentInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.unitOfWork.transaction((repos) => consent.decideConsents(repos, useCaseContext(ctx), input, ctx.account.locale)),
    ),
});

import { z } from 'zod';
import { communityIdInputSchema } from '@quorum/domain/communities/community';
import { profileAnswersInputSchema } from '@quorum/domain/communities/profile-attribute';
import * as profiles from '@quorum/domain/communities/profile-use-cases';
import { router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const profileRouter = router({
  attributes: signedInProcedure
    .input(communityIdInputSchema)
    .query(({ ctx, input }) => profiles.listAttributes(ctx.db.repositories, useCaseContext(ctx), input.communityId)),
  saveAttribute: signedInProcedure
    .input(profiles.saveAttributeInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => profiles.saveAttribute(repos, useCaseContext(ctx), input))),
  deleteAttribute: signedInProcedure.input(profiles.attributeIdInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => profiles.deleteAttribute(repos, useCaseContext(ctx), input.attributeId));
    return { ok: true as const };
  }),
  mine: signedInProcedure
    .input(communityIdInputSchema)
    .query(({ ctx, input }) => profiles.myProfile(ctx.db.repositories, useCaseContext(ctx), input.communityId)),
  saveMine: signedInProcedure
    .input(profileAnswersInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => profiles.saveMyProfile(repos, useCaseContext(ctx), input))),
  /** Required answers the member owes their communities (asked before they take part). */
  owed: signedInProcedure.input(z.void()).query(({ ctx }) => profiles.owedAnswers(ctx.db.repositories, useCaseContext(ctx))),
  targetingPreview: signedInProcedure
    .input(profiles.targetingPreviewInputSchema)
    .query(({ ctx, input }) => profiles.targetingPreview(ctx.db.repositories, useCaseContext(ctx), input)),
});

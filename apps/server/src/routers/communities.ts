import { z } from 'zod';
import {
  communityIdInputSchema,
  communitySlugInputSchema,
  createCommunityInputSchema,
  updateCommunityInputSchema,
} from '@quorum/domain/communities/community';
import * as communities from '@quorum/domain/communities/community-use-cases';
import * as profiles from '@quorum/domain/communities/profile-use-cases';
import {
  changeRoleInputSchema,
  decideJoinRequestInputSchema,
  memberInputSchema,
  requestToJoinInputSchema,
} from '@quorum/domain/communities/membership';
import { rateLimits } from '../auth/rate-limit.js';
import { limitWrites, publicProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

/** Joining, leaving and asking to join: one allowance per account (rate-limit.ts). */
const membershipChangeProcedure = signedInProcedure.use(limitWrites(rateLimits.membershipChangesPerAccount));

export const communitiesRouter = router({
  list: publicProcedure
    .input(z.void())
    .query(({ ctx }) => communities.listDirectory(ctx.db.repositories, useCaseContext(ctx))),
  bySlug: publicProcedure
    .input(communitySlugInputSchema)
    .query(({ ctx, input }) => communities.getCommunityBySlug(ctx.db.repositories, useCaseContext(ctx), input.slug)),
  create: signedInProcedure.input(createCommunityInputSchema).mutation(({ ctx, input }) =>
    ctx.db.unitOfWork.transaction((repos) =>
      communities.createCommunity(repos, useCaseContext(ctx), input, ctx.env.communityCreation),
    ),
  ),
  update: signedInProcedure
    .input(updateCommunityInputSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.unitOfWork.transaction((repos) => communities.updateCommunity(repos, useCaseContext(ctx), input)),
    ),
  /** What joining asks for: required profile answers, the community's own terms, its optional purposes. */
  joinRequirements: publicProcedure.input(communityIdInputSchema).query(async ({ ctx, input }) => {
    const community = await ctx.db.repositories.communities.findById(input.communityId);
    const locale = ctx.account?.locale ?? community?.defaultLocale ?? 'en';
    return profiles.joinRequirements(ctx.db.repositories, useCaseContext(ctx), input.communityId, locale);
  }),
  join: membershipChangeProcedure.input(profiles.joinInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) =>
      profiles.joinWithRequirements(repos, useCaseContext(ctx), input, ctx.account.locale),
    );
    return { ok: true as const };
  }),
  leave: membershipChangeProcedure.input(communityIdInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => communities.leaveCommunity(repos, useCaseContext(ctx), input.communityId));
    return { ok: true as const };
  }),
  requestToJoin: membershipChangeProcedure.input(requestToJoinInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => communities.requestToJoin(repos, useCaseContext(ctx), input));
    return { ok: true as const };
  }),
  joinRequests: signedInProcedure
    .input(communities.communityPageInputSchema)
    .query(({ ctx, input }) => communities.listJoinRequests(ctx.db.repositories, useCaseContext(ctx), input)),
  decideJoinRequest: signedInProcedure.input(decideJoinRequestInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => communities.decideJoinRequest(repos, useCaseContext(ctx), input));
    return { ok: true as const };
  }),
  members: signedInProcedure
    .input(communities.listMembersInputSchema)
    .query(({ ctx, input }) => communities.listMembers(ctx.db.repositories, useCaseContext(ctx), input)),
  memberSummary: signedInProcedure
    .input(communityIdInputSchema)
    .query(({ ctx, input }) => communities.memberSummary(ctx.db.repositories, useCaseContext(ctx), input.communityId)),
  changeRole: signedInProcedure.input(changeRoleInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => communities.changeRole(repos, useCaseContext(ctx), input));
    return { ok: true as const };
  }),
  removeMember: signedInProcedure.input(memberInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => communities.removeMember(repos, useCaseContext(ctx), input));
    return { ok: true as const };
  }),
});

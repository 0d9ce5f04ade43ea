import {
  createInvitationInputSchema,
  invitationIdInputSchema,
  invitationTokenInputSchema,
} from '@quorum/domain/communities/invitation';
import * as communities from '@quorum/domain/communities/community-use-cases';
import * as profiles from '@quorum/domain/communities/profile-use-cases';
import { appPaths } from '@quorum/domain/shared/links';
import { hashToken, newSecretToken } from '../auth/tokens.js';
import { rateLimits } from '../auth/rate-limit.js';
import { limitWrites, publicProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const invitationsRouter = router({
  /** The link holds the only copy of the secret: it is shown now and never again. */
  create: signedInProcedure.input(createInvitationInputSchema).mutation(async ({ ctx, input }) => {
    const token = newSecretToken();
    const invitation = await ctx.db.unitOfWork.transaction((repos) =>
      communities.createInvitation(repos, useCaseContext(ctx), input, hashToken(token)),
    );
    const { tokenHash: _secret, ...listed } = invitation;
    return {
      invitation: { ...listed, state: 'usable' as const } satisfies communities.InvitationListEntry,
      url: `${ctx.env.publicUrl}${appPaths.invitation(token)}`,
    };
  }),
  list: signedInProcedure
    .input(communities.communityPageInputSchema)
    .query(({ ctx, input }) => communities.listInvitations(ctx.db.repositories, useCaseContext(ctx), input)),
  revoke: signedInProcedure.input(invitationIdInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) =>
      communities.revokeInvitation(repos, useCaseContext(ctx), input.invitationId),
    );
    return { ok: true as const };
  }),
  /** Public: the token is the permission, also to read what accepting asks for. */
  preview: publicProcedure
    .input(invitationTokenInputSchema)
    .query(({ ctx, input }) =>
      profiles.invitationOffer(ctx.db.repositories, useCaseContext(ctx), hashToken(input.token), ctx.account?.locale ?? null),
    ),
  accept: signedInProcedure.use(limitWrites(rateLimits.membershipChangesPerAccount)).input(profiles.acceptInvitationInputSchema).mutation(async ({ ctx, input }) => {
    const { token, ...agreements } = input;
    const { community } = await ctx.db.unitOfWork.transaction((repos) =>
      profiles.acceptInvitationWithRequirements(repos, useCaseContext(ctx), { tokenHash: hashToken(token), ...agreements }, ctx.account.locale),
    );
    return { slug: community.slug };
  }),
});

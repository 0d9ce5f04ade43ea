import { z } from 'zod';
import { communityIdInputSchema } from '@quorum/domain/communities/community';
import { idSchema } from '@quorum/domain/shared/ids';
import {
  archiveCategoryInputSchema,
  createCategoryInputSchema,
  reorderCategoriesInputSchema,
  updateCategoryInputSchema,
} from '@quorum/domain/threads/category';
import { editPostInputSchema, postIdInputSchema, replyInputSchema } from '@quorum/domain/threads/post';
import {
  createThreadInputSchema,
  listThreadsInputSchema,
  lockThreadInputSchema,
  markReadInputSchema,
  moveThreadInputSchema,
  pinThreadInputSchema,
  readPostsInputSchema,
} from '@quorum/domain/threads/thread';
import * as discussions from '@quorum/domain/threads/thread-use-cases';
import type { Context } from '../context.js';
import { rateLimits } from '../auth/rate-limit.js';
import { limitWrites, publicProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

const ok = { ok: true as const };
/** Starting a thread, replying and editing: one allowance per account (rate-limit.ts). */
const postWriteProcedure = signedInProcedure.use(limitWrites(rateLimits.postWritesPerMinute, rateLimits.postWritesPerHour));
const discussionContext = (ctx: Context): discussions.DiscussionContext => ({ ...useCaseContext(ctx), readMarks: ctx.readMarks });

/** Categories, threads and posts: every check is the domain's; writes run in one transaction each. */
export const discussionsRouter = router({
  categories: publicProcedure
    .input(communityIdInputSchema)
    .query(({ ctx, input }) => discussions.listCategories(ctx.db.repositories, useCaseContext(ctx), input.communityId)),
  createCategory: signedInProcedure
    .input(createCategoryInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => discussions.createCategory(repos, useCaseContext(ctx), input))),
  updateCategory: signedInProcedure
    .input(updateCategoryInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => discussions.updateCategory(repos, useCaseContext(ctx), input))),
  archiveCategory: signedInProcedure
    .input(archiveCategoryInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => discussions.archiveCategory(repos, useCaseContext(ctx), input))),
  reorderCategories: signedInProcedure
    .input(reorderCategoriesInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => discussions.reorderCategories(repos, useCaseContext(ctx), input))),

  threads: publicProcedure
    .input(listThreadsInputSchema)
    .query(({ ctx, input }) => discussions.listThreads(ctx.db.repositories, discussionContext(ctx), input)),
  thread: publicProcedure
    .input(readPostsInputSchema)
    .query(({ ctx, input }) => discussions.readThread(ctx.db.repositories, discussionContext(ctx), input)),
  markRead: signedInProcedure.input(markReadInputSchema).mutation(async ({ ctx, input }) => {
    await discussions.markRead(ctx.db.repositories, discussionContext(ctx), input);
    return ok;
  }),

  createThread: postWriteProcedure.input(createThreadInputSchema).mutation(async ({ ctx, input }) => {
    const { thread, post } = await ctx.db.unitOfWork.transaction((repos) => discussions.createThread(repos, useCaseContext(ctx), input));
    discussions.recordOwnPost(discussionContext(ctx), post);
    return { threadId: thread.id, postId: post.id };
  }),
  reply: postWriteProcedure.input(replyInputSchema).mutation(async ({ ctx, input }) => {
    const post = await ctx.db.unitOfWork.transaction((repos) => discussions.reply(repos, useCaseContext(ctx), input));
    discussions.recordOwnPost(discussionContext(ctx), post);
    return { postId: post.id, number: post.number };
  }),
  editPost: postWriteProcedure.input(editPostInputSchema).mutation(async ({ ctx, input }) => {
    const post = await ctx.db.unitOfWork.transaction((repos) => discussions.editPost(repos, useCaseContext(ctx), input));
    return { postId: post.id, editedAt: post.editedAt };
  }),
  deletePost: signedInProcedure.input(postIdInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => discussions.deletePost(repos, useCaseContext(ctx), input.postId));
    return ok;
  }),
  postHistory: signedInProcedure
    .input(postIdInputSchema)
    .query(({ ctx, input }) => discussions.postHistory(ctx.db.repositories, useCaseContext(ctx), input.postId)),

  pinThread: signedInProcedure.input(pinThreadInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => discussions.pinThread(repos, useCaseContext(ctx), input));
    return ok;
  }),
  lockThread: signedInProcedure.input(lockThreadInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => discussions.lockThread(repos, useCaseContext(ctx), input));
    return ok;
  }),
  moveThread: signedInProcedure.input(moveThreadInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.unitOfWork.transaction((repos) => discussions.moveThread(repos, useCaseContext(ctx), input));
    return ok;
  }),

  member: publicProcedure
    .input(z.object({ communityId: idSchema, accountId: idSchema }))
    .query(({ ctx, input }) => discussions.memberCard(ctx.db.repositories, useCaseContext(ctx), input)),
  memberThreads: publicProcedure
    .input(discussions.memberActivityInputSchema)
    .query(({ ctx, input }) => discussions.memberThreads(ctx.db.repositories, useCaseContext(ctx), input)),
  memberReplies: publicProcedure
    .input(discussions.memberActivityInputSchema)
    .query(({ ctx, input }) => discussions.memberReplies(ctx.db.repositories, useCaseContext(ctx), input)),
});

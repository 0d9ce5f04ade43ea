import { z } from 'zod';
import { instanceSettingsInputSchema, openSetupSteps } from '@quorum/domain/shared/instance-settings';
import { localeInputSchema } from '@quorum/domain/consent/consent-use-cases';
import * as privacy from '@quorum/domain/privacy/privacy-use-cases';
import * as accounts from '../auth/account-service.js';
import { mailDelivery } from '../env.js';
import { adminProcedure, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

export const adminRouter = router({
  saveSettings: adminProcedure.input(instanceSettingsInputSchema).mutation(({ ctx, input }) =>
    ctx.db.unitOfWork.transaction(async (repos) => {
      await repos.settings.save(input);
      return repos.settings.get();
    }),
  ),
  /** The last point of the first-run checklist: an admin has read the default legal texts. */
  confirmLegalTextsReviewed: adminProcedure.input(z.void()).mutation(({ ctx }) =>
    ctx.db.unitOfWork.transaction(async (repos) => {
      await repos.settings.save({ legalTextsReviewed: true });
      return repos.settings.get();
    }),
  ),
  /** What is left of the first-run checklist (Impressum, privacy contact, mail, texts). */
  setupSteps: adminProcedure
    .input(z.void())
    .query(async ({ ctx }) => openSetupSteps(await ctx.db.repositories.settings.get(), mailDelivery(ctx.env))),
  recordsOfProcessing: adminProcedure
    .input(localeInputSchema)
    .query(({ ctx, input }) => privacy.instanceRecordsOfProcessing(ctx.db.repositories, useCaseContext(ctx), input.locale)),
  // Admins read every entry; a community's owners read their community's (checked in the use case).
  auditLog: signedInProcedure
    .input(privacy.auditLogInputSchema)
    .query(({ ctx, input }) => privacy.listAuditLog(ctx.db.repositories, useCaseContext(ctx), input)),
  // Mutations, though some read: each writes an audit entry.
  findAccount: adminProcedure
    .input(privacy.findAccountInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => privacy.findAccount(repos, useCaseContext(ctx), input))),
  requestExport: adminProcedure.input(privacy.accountRequestInputSchema).mutation(({ ctx, input }) =>
    ctx.db.unitOfWork.transaction((repos) =>
      privacy.requestExport(repos, useCaseContext(ctx), { accountId: input.accountId, requestedBy: ctx.account.id, reason: input.reason }),
    ),
  ),
  eraseAccount: adminProcedure
    .input(privacy.accountRequestInputSchema)
    .mutation(({ ctx, input }) => accounts.eraseAccount(ctx, { accountId: input.accountId, actorId: ctx.account.id, reason: input.reason })),
});

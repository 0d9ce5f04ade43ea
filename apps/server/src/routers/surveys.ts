import { randomUUID } from 'node:crypto';
import { localeSchema } from '@quorum/domain/shared/locale-schema';
import * as surveys from '@quorum/domain/surveys/survey-use-cases';
import type { Context } from '../context.js';
import { rateLimits } from '../auth/rate-limit.js';
import { limitWrites, router, signedInProcedure } from '../trpc.js';
import { useCaseContext } from './use-case-context.js';

/** Anonymous response ids and pseudonyms are random (v4): a UUIDv7 would tell when it was made. */
const surveyContext = (ctx: Context): surveys.SurveyContext => ({ ...useCaseContext(ctx), randomId: randomUUID });

/** Uploading definitions and answering: one allowance each per account (rate-limit.ts). */
const definitionProcedure = signedInProcedure.use(limitWrites(rateLimits.surveyDefinitionsPerAccount));
const answerProcedure = signedInProcedure.use(limitWrites(rateLimits.surveyAnswersPerMinute));

export const surveysRouter = router({
  create: definitionProcedure
    .input(surveys.createSurveyInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => surveys.createSurvey(repos, useCaseContext(ctx), input))),
  update: definitionProcedure
    .input(surveys.updateSurveyInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => surveys.updateSurvey(repos, useCaseContext(ctx), input))),
  changeLifecycle: signedInProcedure
    .input(surveys.changeLifecycleInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => surveys.changeLifecycle(repos, useCaseContext(ctx), input))),
  exportDefinition: signedInProcedure
    .input(surveys.surveyIdInputSchema)
    .query(({ ctx, input }) => surveys.exportSurveyDefinition(ctx.db.repositories, useCaseContext(ctx), input.surveyId)),
  forStaff: signedInProcedure
    .input(surveys.surveyIdInputSchema)
    .query(({ ctx, input }) => surveys.getSurveyForStaff(ctx.db.repositories, useCaseContext(ctx), input.surveyId)),
  list: signedInProcedure
    .input(surveys.communitySurveysInputSchema)
    .query(({ ctx, input }) => surveys.listCommunitySurveys(ctx.db.repositories, useCaseContext(ctx), input)),
  forMe: signedInProcedure
    .input(surveys.surveysForMeInputSchema)
    .query(({ ctx, input }) => surveys.surveysForMe(ctx.db.repositories, useCaseContext(ctx), input)),
  respondent: signedInProcedure
    .input(surveys.surveyIdInputSchema.extend({ locale: localeSchema }))
    .query(({ ctx, input }) => surveys.respondentView(ctx.db.repositories, useCaseContext(ctx), input.surveyId, input.locale)),
  saveProgress: answerProcedure
    .input(surveys.saveProgressInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => surveys.saveProgress(repos, surveyContext(ctx), input))),
  submit: answerProcedure
    .input(surveys.submitResponseInputSchema)
    .mutation(({ ctx, input }) => ctx.db.unitOfWork.transaction((repos) => surveys.submitResponse(repos, surveyContext(ctx), input))),
});

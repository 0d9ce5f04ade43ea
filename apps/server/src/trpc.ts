import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { DomainError, isDomainError, type DomainErrorCode } from '@quorum/domain/shared/domain-error';
import { assertCsrfSafe, assertNotCrossSite, logRefusedOrigin } from './auth/csrf.js';
import { takeAll, type RateLimitRule } from './auth/rate-limit.js';
import type { Context } from './context.js';
import { unstorableTextPath } from './text-input.js';
import { transformer } from './transformer.js';

export type Access = 'public' | 'signedIn' | 'admin';

export interface ProcedureMeta {
  access: Access;
}

type TRPCErrorCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/** Domain codes carry no HTTP meaning; this table gives them one. */
const trpcCodeOf: Record<DomainErrorCode, TRPCErrorCode> = {
  VALIDATION: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  CSRF_FAILED: 'FORBIDDEN',
  EMAIL_TAKEN: 'CONFLICT',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  TOKEN_INVALID: 'BAD_REQUEST',
  COMMUNITY_CREATION_CLOSED: 'FORBIDDEN',
  SLUG_TAKEN: 'CONFLICT',
  ALREADY_MEMBER: 'CONFLICT',
  NOT_MEMBER: 'BAD_REQUEST',
  JOIN_NOT_ALLOWED: 'FORBIDDEN',
  INVITATION_REQUIRED: 'FORBIDDEN',
  JOIN_REQUEST_PENDING: 'CONFLICT',
  LAST_OWNER: 'CONFLICT',
  INVITATION_EXPIRED: 'BAD_REQUEST',
  INVITATION_USED_UP: 'BAD_REQUEST',
  INVITATION_REVOKED: 'BAD_REQUEST',
  PURPOSE_UNKNOWN: 'NOT_FOUND',
  CONSENT_NOT_APPLICABLE: 'BAD_REQUEST',
  CONSENT_TEXT_STALE: 'CONFLICT',
  CONSENT_TEXT_MISMATCH: 'BAD_REQUEST',
  CONSENT_NOT_GIVEN: 'BAD_REQUEST',
  CONSENT_REQUIRED: 'FORBIDDEN',
  ATTRIBUTE_VALUE_INVALID: 'BAD_REQUEST',
  EXPORT_IN_PROGRESS: 'CONFLICT',
  LAST_ADMIN: 'CONFLICT',
  BUSY: 'SERVICE_UNAVAILABLE',
  SETUP_ALREADY_DONE: 'CONFLICT',
  THREAD_LOCKED: 'FORBIDDEN',
  CATEGORY_ARCHIVED: 'FORBIDDEN',
  CATEGORY_CLOSED: 'FORBIDDEN',
  SURVEY_DEFINITION_INVALID: 'BAD_REQUEST',
  SURVEY_ANSWER_INVALID: 'BAD_REQUEST',
  SURVEY_NOT_OPEN: 'CONFLICT',
  SURVEY_STATE_INVALID: 'CONFLICT',
  SURVEY_ALREADY_ANSWERED: 'CONFLICT',
};

export interface ValidationIssue {
  path: (string | number)[];
  /** The domain's validation key, e.g. 'email_invalid'. */
  message: string;
}

/**
 * A rule the domain checks beyond the schema (a tampered cursor, a stale category order)
 * reads like a schema's issue: its validation key, on its field when it names one.
 */
function domainValidationIssues(error: DomainError): ValidationIssue[] | null {
  if (error.code !== 'VALIDATION' || !/^[a-z][a-z0-9_]*$/.test(error.message)) return null;
  const field = error.details?.['field'];
  return [{ path: typeof field === 'string' ? [field] : [], message: error.message }];
}

/**
 * What the web reads from `error.data`: the domain code, for bad input the issues, and the
 * domain error's details (e.g. which profile attribute was refused).
 */
export function errorData(error: TRPCError): {
  domainCode: DomainErrorCode | null;
  issues: ValidationIssue[] | null;
  details: Readonly<Record<string, unknown>> | null;
} {
  const cause = error.cause;
  const issues =
    cause instanceof ZodError
      ? cause.issues.map((issue) => ({
          path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
          message: issue.message,
        }))
      : isDomainError(cause)
        ? domainValidationIssues(cause)
        : null;
  const domainCode = isDomainError(cause) ? cause.code : issues ? 'VALIDATION' : null;
  return { domainCode, issues, details: isDomainError(cause) ? (cause.details ?? null) : null };
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      // Internal errors keep their details in the log, not in the answer.
      const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : shape.message;
      return { ...shape, message, data: { ...shape.data, stack: undefined, ...errorData(error) } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const asTRPCError = (cause: DomainError) => new TRPCError({ code: trpcCodeOf[cause.code], message: cause.message, cause });

/** Text a database cannot store is bad input for every procedure (see text-input.ts), never a 500. */
const storableText = z.unknown().superRefine((input, ctx) => {
  const path = unstorableTextPath(input);
  if (path) ctx.addIssue({ code: 'custom', path, message: 'text_invalid' });
});

/**
 * What every procedure goes through, as one middleware (each one more costs every call a
 * context merge and a promise chain, measured on the thread read): requests from another site
 * and mutations without the CSRF header are refused, text a database cannot store is bad
 * input, and a DomainError thrown anywhere below becomes the TRPCError its code calls for.
 */
const guard = t.middleware(async ({ type, ctx, getRawInput, next }) => {
  try {
    assertNotCrossSite(ctx.fetchSite);
    if (type === 'mutation') assertCsrfSafe(ctx, ctx.env);
  } catch (error) {
    logRefusedOrigin(ctx.logger, error);
    throw isDomainError(error) ? asTRPCError(error) : error;
  }
  const input = await getRawInput();
  // The schema only when it fails: it gives the error its issue and path.
  if (unstorableTextPath(input)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'text_invalid', cause: storableText.safeParse(input).error });
  }
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) throw asTRPCError(result.error.cause);
  return result;
});

const baseProcedure = t.procedure.use(guard);

export const publicProcedure = baseProcedure.meta({ access: 'public' });

export const signedInProcedure = baseProcedure.meta({ access: 'signedIn' }).use(({ ctx, next }) => {
  const { session, account, viewer } = ctx;
  if (!session || !account || !viewer) throw new DomainError('UNAUTHENTICATED');
  return next({ ctx: { session, account, viewer } });
});

/**
 * Counts a write against the signed-in account's allowance before any work is done (the
 * procedure's own checks included): a flood meets RATE_LIMITED, which says when to retry.
 * Use after `signedInProcedure`.
 */
export function limitWrites(...rules: readonly RateLimitRule[]) {
  return t.middleware(async ({ ctx, next }) => {
    const key = ctx.account?.id;
    if (key) await takeAll(ctx.rateLimiter, rules.map((rule) => [rule, key] as const), ctx.clock.now());
    return next();
  });
}

export const adminProcedure = signedInProcedure.meta({ access: 'admin' }).use(({ ctx, next }) => {
  if (!ctx.account.isInstanceAdmin) throw new DomainError('FORBIDDEN');
  return next();
});

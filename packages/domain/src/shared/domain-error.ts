/**
 * Every rule violation the domain knows, by code. Transports map codes to their own
 * status (the server to TRPCError), the web translates them (`errors.<code>`).
 */
export const domainErrorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'CSRF_FAILED',
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'TOKEN_INVALID',
  'COMMUNITY_CREATION_CLOSED',
  'SLUG_TAKEN',
  'ALREADY_MEMBER',
  'NOT_MEMBER',
  'JOIN_NOT_ALLOWED',
  'INVITATION_REQUIRED',
  'JOIN_REQUEST_PENDING',
  'LAST_OWNER',
  'INVITATION_EXPIRED',
  'INVITATION_USED_UP',
  'INVITATION_REVOKED',
  'PURPOSE_UNKNOWN',
  'CONSENT_NOT_APPLICABLE',
  'CONSENT_TEXT_STALE',
  'CONSENT_TEXT_MISMATCH',
  'CONSENT_NOT_GIVEN',
  'CONSENT_REQUIRED',
  'ATTRIBUTE_VALUE_INVALID',
  'EXPORT_IN_PROGRESS',
  'LAST_ADMIN',
  'BUSY',
  'SETUP_ALREADY_DONE',
  'THREAD_LOCKED',
  'CATEGORY_ARCHIVED',
  'CATEGORY_CLOSED',
  'SURVEY_DEFINITION_INVALID',
  'SURVEY_ANSWER_INVALID',
  'SURVEY_NOT_OPEN',
  'SURVEY_STATE_INVALID',
  'SURVEY_ALREADY_ANSWERED',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: DomainErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

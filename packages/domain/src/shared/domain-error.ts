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
  'PASSWORD_TOO_WEAK',
  'PASSWORD_TOO_COMMON',
  'TOKEN_INVALID',
  'SETUP_ALREADY_DONE',
  'COMMUNITY_CREATION_CLOSED',
  'SLUG_TAKEN',
  'ALREADY_MEMBER',
  'NOT_MEMBER',
  'JOIN_NOT_ALLOWED',
  'INVITATION_REQUIRED',
  'JOIN_REQUEST_PENDING',
  'LAST_OWNER',
  'CANNOT_CHANGE_OWN_ROLE',
  'INVITATION_EXPIRED',
  'INVITATION_USED_UP',
  'INVITATION_REVOKED',
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

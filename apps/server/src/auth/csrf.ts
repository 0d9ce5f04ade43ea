import { DomainError } from '@quorum/domain/shared/domain-error';

export const CSRF_HEADER = 'x-quorum-csrf';

/**
 * Mutations need the custom header, which a browser sends cross-site only after a CORS
 * preflight we never grant, and, when the browser names an Origin, ours. The content
 * type is not trusted: forms and simple requests can fake it.
 */
export function assertCsrfSafe(request: { csrfHeader: string | null; origin: string | null }, publicUrl: string): void {
  if (!request.csrfHeader) throw new DomainError('CSRF_FAILED', `Missing ${CSRF_HEADER} header.`);
  if (request.origin !== null && request.origin !== new URL(publicUrl).origin) {
    throw new DomainError('CSRF_FAILED', 'Cross-origin request refused.');
  }
}

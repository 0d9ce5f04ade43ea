import { DomainError, isDomainError } from '@quorum/domain/shared/domain-error';

export const CSRF_HEADER = 'x-quorum-csrf';

export interface CsrfRequest {
  csrfHeader: string | null;
  origin: string | null;
  /** The Host header: where the browser sent this request. */
  host: string | null;
}

export interface OriginPolicy {
  /** PUBLIC_URL's origin (or its default). */
  publicUrl: string;
  /** Whether the operator set PUBLIC_URL; while not, the address the browser used counts too. */
  publicUrlSet: boolean;
}

/** Details of a refused Origin: the page names both, so the operator knows what to set. */
export interface RefusedOrigin {
  origin: string;
  expectedOrigin: string;
}

/**
 * Mutations need the custom header, which a browser sends cross-site only after a CORS
 * preflight we never grant, and, when the browser names an Origin, ours. The content
 * type is not trusted: forms and simple requests can fake it.
 *
 * "Ours" is PUBLIC_URL. While it is not set (a first start on a VPS, opened by its IP
 * address), a request whose Origin names the very host it was sent to is same-origin too
 * (decision 018): a foreign page's request carries the foreign page's Origin, never the
 * Host of the server it is sent to.
 */
export function assertCsrfSafe(request: CsrfRequest, policy: OriginPolicy): void {
  if (!request.csrfHeader) throw new DomainError('CSRF_FAILED', `Missing ${CSRF_HEADER} header.`);
  const { origin } = request;
  if (origin === null || origin === policy.publicUrl) return;
  if (!policy.publicUrlSet && request.host !== null && hostOf(origin) === request.host.toLowerCase()) return;
  const refused: RefusedOrigin = { origin, expectedOrigin: policy.publicUrl };
  throw new DomainError('CSRF_FAILED', 'Cross-origin request refused.', { ...refused });
}

/**
 * Every procedure, queries too: a request the browser itself marks as coming from another
 * site (`Sec-Fetch-Site: cross-site`, or `same-site` from a sibling host) is refused. The
 * SPA calls the API from its own origin; a link or window.open on a foreign page would
 * otherwise send a GET with the SameSite=Lax session cookie, and some queries record
 * things (reading a thread records a read mark). Browsers that send no such header, and
 * clients that are no browser, are judged by the mutation rules above (decision 033).
 */
export function assertNotCrossSite(fetchSite: string | null): void {
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw new DomainError('CSRF_FAILED', 'Cross-site request refused.');
}

/** host[:port] of an Origin header, lower-case; null for "null" and other non-URLs. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/** How a refused Origin is explained in the log: what the operator can set to fix it. */
export function refusedOriginAdvice({ origin, expectedOrigin }: RefusedOrigin): string {
  return `Refused a request from ${origin}: Quorum expects ${expectedOrigin} (PUBLIC_URL). If people open Quorum at ${origin}, set PUBLIC_URL=${origin} and restart.`;
}

const loggedOrigins = new WeakMap<object, Set<string>>();
/** At most this many distinct origins are logged per logger: a foreign page cannot flood the log. */
const maxLoggedOrigins = 20;

/** Logs a refused Origin once per origin (per logger), with the fix. */
export function logRefusedOrigin(logger: { warn(message: string): void }, error: unknown): void {
  if (!isDomainError(error) || error.code !== 'CSRF_FAILED') return;
  const details = error.details as Partial<RefusedOrigin> | undefined;
  if (typeof details?.origin !== 'string' || typeof details.expectedOrigin !== 'string') return;
  const seen = loggedOrigins.get(logger) ?? new Set<string>();
  loggedOrigins.set(logger, seen);
  if (seen.has(details.origin) || seen.size >= maxLoggedOrigins) return;
  seen.add(details.origin);
  logger.warn(refusedOriginAdvice({ origin: details.origin, expectedOrigin: details.expectedOrigin }));
}

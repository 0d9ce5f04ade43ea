import { domainErrorCodes, type DomainErrorCode } from '@quorum/domain/shared/domain-error';

/** What a form shows: per-field messages and one for the whole form, as i18n keys. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
  /** Values the form's message needs (e.g. how long to wait). */
  formValues?: Record<string, number | string>;
}

export const noErrors: FormErrors = { fields: {}, form: null };

interface Issue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Fields a domain error code belongs to in a given form (EMAIL_TAKEN → email). */
export type FieldsByCode = Partial<Record<DomainErrorCode, string>>;

/** The domain's validation messages are snake_case keys; anything else is zod's own text. */
const validationKey = (message: string) =>
  /^[a-z][a-z0-9_]*$/.test(message) ? `validation.${message}` : 'validation.invalid';

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === 'string' && (domainErrorCodes as readonly string[]).includes(value);
}

/** Maps zod issues (from the client-side parse or the server's error.data.issues) to fields. */
export function errorsFromIssues(
  issues: readonly Issue[],
  knownFields?: readonly string[],
): FormErrors {
  const fields: Record<string, string> = {};
  let form: string | null = null;
  for (const issue of issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : null;
    const key = validationKey(issue.message);
    if (field !== null && (!knownFields || knownFields.includes(field))) {
      fields[field] ??= key;
    } else {
      form ??= key;
    }
  }
  return { fields, form };
}

/**
 * Maps an error from a tRPC call: `data.issues` go to their fields, `data.domainCode` to
 * its field (when the form says where it belongs) or to the form; anything else (network,
 * server crash) becomes a generic message.
 */
export function errorsFromServer(
  error: unknown,
  options: { fieldsByCode?: FieldsByCode; knownFields?: readonly string[] } = {},
): FormErrors {
  const data = (error as { data?: { domainCode?: unknown; issues?: unknown } } | null)?.data;
  if (Array.isArray(data?.issues) && data.issues.length > 0) {
    return errorsFromIssues(data.issues as Issue[], options.knownFields);
  }
  const code = data?.domainCode;
  const details = (data as { details?: unknown } | undefined)?.details;
  const explained =
    code === 'RATE_LIMITED'
      ? retryAfter(details)
      : code === 'CSRF_FAILED'
        ? refusedOrigin(details)
        : null;
  if (explained) return { fields: {}, ...explained };
  if (isDomainErrorCode(code)) {
    const field = options.fieldsByCode?.[code];
    return field
      ? { fields: { [field]: `errors.${code}` }, form: null }
      : { fields: {}, form: `errors.${code}` };
  }
  return { fields: {}, form: data ? 'errors.UNKNOWN' : 'errors.NETWORK' };
}

/**
 * RATE_LIMITED says when to try again: the message names the wait, in seconds below two
 * minutes, else in minutes (rounded up).
 */
function retryAfter(details: unknown): Pick<FormErrors, 'form' | 'formValues'> | null {
  const seconds = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  return seconds < 120
    ? { form: 'errors.retryInSeconds', formValues: { count: Math.ceil(seconds) } }
    : { form: 'errors.retryInMinutes', formValues: { count: Math.ceil(seconds / 60) } };
}

/**
 * A refused Origin names where the page was opened and where the server expects it, so
 * whoever sees it knows what to open, or what the operator sets (PUBLIC_URL).
 */
function refusedOrigin(details: unknown): Pick<FormErrors, 'form' | 'formValues'> | null {
  const { origin, expectedOrigin } = (details ?? {}) as {
    origin?: unknown;
    expectedOrigin?: unknown;
  };
  if (typeof origin !== 'string' || typeof expectedOrigin !== 'string') return null;
  return { form: 'errors.originRefused', formValues: { origin, expected: expectedOrigin } };
}

/** Errors for fields the form does not show (e.g. a token from the URL) move to the form. */
export function liftMissingFields(
  errors: FormErrors,
  hasField: (name: string) => boolean,
): FormErrors {
  const fields: Record<string, string> = {};
  let form = errors.form;
  for (const [name, key] of Object.entries(errors.fields)) {
    if (hasField(name)) fields[name] = key;
    else form ??= key;
  }
  return { ...errors, fields, form };
}

/** The i18n key for a failed call outside a form (buttons in lists, page loads). */
export function errorKey(error: unknown): string {
  const { fields, form } = errorsFromServer(error);
  return form ?? Object.values(fields)[0] ?? 'errors.UNKNOWN';
}

import { useCallback, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Alert } from './alert';
import { useFocusProblem } from './focus-problem';
import {
  errorsFromIssues,
  errorsFromServer,
  liftMissingFields,
  noErrors,
  type FieldsByCode,
  type FormErrors,
} from './form-errors';

interface UseFormOptions<S extends z.ZodType> {
  schema: S;
  /** Which field a domain code belongs to in this form, e.g. { EMAIL_TAKEN: 'email' }. */
  fieldsByCode?: FieldsByCode;
}

/**
 * Validates with the domain's own zod schema before sending (the server runs the same
 * one) and shows both client and server errors inline, translated.
 */
export function useForm<S extends z.ZodType>({ schema, fieldsByCode }: UseFormOptions<S>) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [attempt, setAttempt] = useState(0);

  // After a failed submit, keyboard and screen-reader users land where the problem is.
  useFocusProblem(formRef, attempt);

  const show = useCallback((next: FormErrors) => {
    const form = formRef.current;
    setErrors(
      form ? liftMissingFields(next, (name) => form.elements.namedItem(name) !== null) : next,
    );
    setAttempt((n) => n + 1);
  }, []);

  const parse = useCallback(
    (input: unknown): z.output<S> | null => {
      const result = schema.safeParse(input);
      if (result.success) {
        setErrors(noErrors);
        return result.data;
      }
      show(errorsFromIssues(result.error.issues));
      return null;
    },
    [schema, show],
  );

  /** Validates, and sends the parsed input on (e.g. a mutation's `mutate`) only when it is valid. */
  const submit = (input: unknown, send: (parsed: z.output<S>) => void) => {
    const parsed = parse(input);
    if (parsed) send(parsed);
  };

  const fail = useCallback(
    (error: unknown) => show(errorsFromServer(error, fieldsByCode ? { fieldsByCode } : {})),
    [fieldsByCode, show],
  );

  const fieldError = (name: string): string | undefined => {
    const key = errors.fields[name];
    return key ? t(key, { defaultValue: t('validation.invalid') }) : undefined;
  };
  const formError = errors.form
    ? t(errors.form, { defaultValue: t('errors.UNKNOWN'), ...errors.formValues })
    : null;

  return { formRef, parse, submit, fail, fieldError, formError, clear: () => setErrors(noErrors) };
}

/** Every value of a form as strings, keyed by the controls' names. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}

interface FormProps {
  /** What useForm returned: the form's ref and its form-level message. */
  form: { formRef: Ref<HTMLFormElement>; formError: string | null };
  onSubmit: (values: Record<string, string>) => void;
  children: ReactNode;
  label?: string;
}

/** A form that validates in code (noValidate: messages stay in the page's language). */
export function Form({ form: { formRef, formError }, onSubmit, children, label }: FormProps) {
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      aria-label={label}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit(formValues(event.currentTarget));
      }}
    >
      {formError && <Alert tone="danger">{formError}</Alert>}
      {children}
    </form>
  );
}

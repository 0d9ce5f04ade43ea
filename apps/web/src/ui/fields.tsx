import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  /** A translated message; marks the control invalid and is announced with it. */
  error?: string | undefined;
  optional?: boolean;
}

/** Label, hint and inline error around one control, with the ids that tie them together. */
function useFieldIds(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Frame({
  id,
  label,
  hint,
  hintId,
  error,
  errorId,
  optional,
  children,
}: FieldFrame & { id: string; hintId?: string; errorId?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {optional && <span className="field__optional"> ({t('common.optional')})</span>}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export type TextFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { mono?: boolean };

export function TextField({
  label,
  hint,
  error,
  optional,
  mono,
  className,
  ...input
}: TextFieldProps) {
  const ids = useFieldIds(error, hint);
  return (
    <Frame {...ids} label={label} hint={hint} error={error} optional={optional}>
      <input
        id={ids.id}
        className={['input', mono && 'input--mono', className].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </Frame>
  );
}

export type TextAreaFieldProps = FieldFrame &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextAreaField({ label, hint, error, optional, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(error, hint);
  return (
    <Frame {...ids} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        id={ids.id}
        className="textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...textarea}
      />
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
  description?: string;
}

export type SelectFieldProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { options: readonly Option[] };

export function SelectField({
  label,
  hint,
  error,
  optional,
  options,
  ...select
}: SelectFieldProps) {
  const ids = useFieldIds(error, hint);
  return (
    <Frame {...ids} label={label} hint={hint} error={error} optional={optional}>
      <select
        id={ids.id}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

interface RadioGroupProps {
  legend: ReactNode;
  name: string;
  options: readonly Option[];
  defaultValue?: string;
  value?: string;
  onChange?: (value: string) => void;
  error?: string | undefined;
}

/** Radio buttons in a fieldset; arrow keys move between them (native behaviour). */
export function RadioGroup({
  legend,
  name,
  options,
  defaultValue,
  value,
  onChange,
  error,
}: RadioGroupProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className="choices"
      aria-describedby={errorId}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            {...(value === undefined
              ? { defaultChecked: option.value === defaultValue }
              : { checked: option.value === value })}
            onChange={onChange && (() => onChange(option.value))}
            // Named by its label only: the description is read once, as a description.
            aria-labelledby={`${id}-${option.value}-label`}
            aria-describedby={option.description ? `${id}-${option.value}` : undefined}
          />
          <span>
            <span className="choice__label" id={`${id}-${option.value}-label`}>
              {option.label}
            </span>
            {option.description && (
              <span className="choice__description" id={`${id}-${option.value}`}>
                {option.description}
              </span>
            )}
          </span>
        </label>
      ))}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Checkbox({
  label,
  ...input
}: { label: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return (
    <label className="choice choice--plain">
      <input type="checkbox" {...input} />
      <span>{label}</span>
    </label>
  );
}

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  label: ReactNode;
  /** Plain-language text under the label, read out with the checkbox. */
  description?: ReactNode;
  error?: string | undefined;
  /** Below the box, outside the label: e.g. an expandable full text. */
  children?: ReactNode;
}

/** A checkbox with its own description, inline error and room for more (a text to read). */
export function CheckboxField({
  label,
  description,
  error,
  children,
  ...input
}: CheckboxFieldProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="check-field">
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          // Named by its label only: the description is read once, as a description.
          aria-labelledby={`${id}-label`}
          aria-describedby={[errorId, descriptionId].filter(Boolean).join(' ') || undefined}
          {...input}
        />
        <span>
          <span className="choice__label" id={`${id}-label`}>
            {label}
          </span>
          {description && (
            <span className="choice__description" id={descriptionId}>
              {description}
            </span>
          )}
        </span>
      </label>
      {children}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

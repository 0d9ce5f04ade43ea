import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileAttribute } from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import { currentLocale } from '../../i18n/i18n';
import { RadioGroup, TextField } from '../../ui/fields';
import type { AnswerProblem, RawAnswer } from './attribute-answers';

export const attributeLabel = (attribute: Pick<ProfileAttribute, 'label'>) =>
  attribute.label[currentLocale()] || attribute.label.en;

interface AttributeFieldsProps {
  attributes: readonly ProfileAttribute[];
  values: Readonly<Record<Id, RawAnswer>>;
  problems: Readonly<Record<Id, AnswerProblem>>;
  onChange: (attributeId: Id, raw: RawAnswer) => void;
}

/** One control per attribute, of the attribute's type, with its translated problem inline. */
export function AttributeFields({ attributes, values, problems, onChange }: AttributeFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {attributes.map((attribute) => {
        const problem = problems[attribute.id];
        return (
          <AttributeField
            key={attribute.id}
            attribute={attribute}
            raw={values[attribute.id] ?? (attribute.type === 'multiple_choice' ? [] : '')}
            error={problem && t(`profile.problems.${problem}`)}
            onChange={(raw) => onChange(attribute.id, raw)}
          />
        );
      })}
    </>
  );
}

function AttributeField({
  attribute,
  raw,
  error,
  onChange,
}: {
  attribute: ProfileAttribute;
  raw: RawAnswer;
  error: string | undefined;
  onChange: (raw: RawAnswer) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  const label = attributeLabel(attribute);
  const optional = !attribute.required;
  const options = attribute.options.map((option) => ({
    value: option.value,
    label: option.label[locale] || option.label.en,
  }));
  const text = typeof raw === 'string' ? raw : '';

  switch (attribute.type) {
    case 'single_choice':
      return (
        <RadioGroup
          legend={optional ? `${label} (${t('common.optional')})` : label}
          name={`attribute-${attribute.id}`}
          options={optional ? [...options, { value: '', label: t('profile.noAnswer') }] : options}
          value={text}
          onChange={onChange}
          error={error}
        />
      );
    case 'multiple_choice': {
      const ticked = Array.isArray(raw) ? raw : [];
      const errorId = `${id}-error`;
      return (
        <fieldset
          className="choices"
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
        >
          <legend className="field__label">
            {label}
            {optional && <span className="field__optional"> ({t('common.optional')})</span>}
          </legend>
          {options.map((option) => (
            <label key={option.value} className="choice">
              <input
                type="checkbox"
                checked={ticked.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...ticked, option.value]
                      : ticked.filter((value) => value !== option.value),
                  )
                }
              />
              <span className="choice__label">{option.label}</span>
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
    case 'number':
    case 'date':
    case 'text':
      return (
        <TextField
          label={label}
          optional={optional}
          type={attribute.type === 'date' ? 'date' : 'text'}
          inputMode={attribute.type === 'number' ? 'decimal' : undefined}
          maxLength={attribute.type === 'text' ? 500 : undefined}
          value={text}
          error={error}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}

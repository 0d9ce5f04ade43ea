import { useId, type ReactNode } from 'react';
import './surveys.css';
import type { AnswerValue, ChoiceAnswer, ChoicesAnswer, MatrixAnswer } from '@quorum/domain/surveys/survey-answer';
import type { RenderedQuestion } from '@quorum/domain/surveys/survey-runner';
import { useRespondEnv } from './respond-env';

/** The option value of "other (please specify)" (survey-definition's OTHER, kept here so this page loads no schema code). */
const OTHER = '_other';

interface QuestionFieldProps {
  rendered: RenderedQuestion;
  error: string | undefined;
  onChange: (value: AnswerValue | undefined) => void;
}

/** A fieldset (choices, scales, matrices, rankings) or a labelled control, with its help and error read out. */
function Frame({ rendered, error, group, children, controlId }: { rendered: RenderedQuestion; error: string | undefined; group: boolean; children: ReactNode; controlId: string }) {
  const { t } = useRespondEnv();
  const helpId = rendered.help ? `${controlId}-help` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {rendered.text}
      {rendered.question.required && <span className="survey__required"> ({t('surveys.respond.required')})</span>}
    </>
  );
  const body = (
    <>
      {rendered.help && (
        <p className="field__hint" id={helpId}>
          {rendered.help}
        </p>
      )}
      {children}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
  if (group) {
    return (
      <fieldset className="survey__question choices" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
        <legend className="field__label">{label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className="survey__question field">
      <label className="field__label" htmlFor={controlId}>
        {label}
      </label>
      {body}
    </div>
  );
}

export function QuestionField({ rendered, error, onChange }: QuestionFieldProps) {
  const { t, locale } = useRespondEnv();
  const id = useId();
  const { question, value } = rendered;
  const describedBy = [error ? `${id}-error` : null, rendered.help ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  const invalid = error ? true : undefined;
  const radios = (options: { value: string; label: string }[], picked: string | undefined, pick: (value: string) => void, inline = false) => (
    <div className={inline ? 'survey__scale' : 'stack stack--tight'}>
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={id} value={option.value} checked={picked === option.value} onChange={() => pick(option.value)} />
          <span className="choice__label">{option.label}</span>
        </label>
      ))}
    </div>
  );
  const otherInput = (text: string | undefined, set: (text: string) => void) => (
    <input
      className="input"
      aria-label={t('surveys.respond.otherText')}
      value={text ?? ''}
      maxLength={500}
      onChange={(event) => set(event.target.value)}
    />
  );

  switch (question.type) {
    case 'single_choice': {
      const answer = value as ChoiceAnswer | undefined;
      const options = [...rendered.options, ...(question.other ? [{ value: OTHER, label: t('surveys.respond.other'), exclusive: false }] : [])];
      return (
        <Frame rendered={rendered} error={error} group controlId={id}>
          {radios(options, answer?.choice, (choice) => onChange(choice === OTHER ? { choice, other: answer?.other ?? '' } : { choice }))}
          {answer?.choice === OTHER && otherInput(answer.other, (other) => onChange({ choice: OTHER, other }))}
        </Frame>
      );
    }
    case 'dropdown': {
      const answer = value as ChoiceAnswer | undefined;
      return (
        <Frame rendered={rendered} error={error} group={false} controlId={id}>
          <select
            id={id}
            className="select"
            value={answer?.choice ?? ''}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value === OTHER ? { choice: OTHER, other: answer?.other ?? '' } : { choice: event.target.value })}
          >
            <option value="">{t('surveys.respond.choose')}</option>
            {rendered.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
            {question.other && <option value={OTHER}>{t('surveys.respond.other')}</option>}
          </select>
          {answer?.choice === OTHER && otherInput(answer.other, (other) => onChange({ choice: OTHER, other }))}
        </Frame>
      );
    }
    case 'multiple_choice': {
      const answer = (value as ChoicesAnswer | undefined) ?? { choices: [] };
      const options = [...rendered.options, ...(question.other ? [{ value: OTHER, label: t('surveys.respond.other'), exclusive: false }] : [])];
      const toggle = (option: (typeof options)[number], on: boolean) => {
        // "None of these" clears the others, and any other pick clears it.
        const kept = on ? (option.exclusive ? [] : answer.choices.filter((choice) => !rendered.options.find((o) => o.value === choice)?.exclusive)) : answer.choices;
        const choices = on ? [...kept, option.value] : kept.filter((choice) => choice !== option.value);
        const other = choices.includes(OTHER) ? (answer.other ?? '') : undefined;
        onChange(choices.length === 0 ? undefined : other === undefined ? { choices } : { choices, other });
      };
      return (
        <Frame rendered={rendered} error={error} group controlId={id}>
          <div className="stack stack--tight">
            {options.map((option) => (
              <label key={option.value} className="choice">
                <input type="checkbox" checked={answer.choices.includes(option.value)} onChange={(event) => toggle(option, event.target.checked)} />
                <span className="choice__label">{option.label}</span>
              </label>
            ))}
          </div>
          {answer.choices.includes(OTHER) && otherInput(answer.other, (other) => onChange({ choices: answer.choices, other }))}
        </Frame>
      );
    }
    case 'yes_no':
      return (
        <Frame rendered={rendered} error={error} group controlId={id}>
          {radios(
            [
              { value: 'yes', label: t('surveys.respond.yes') },
              { value: 'no', label: t('surveys.respond.no') },
            ],
            value === undefined ? undefined : value ? 'yes' : 'no',
            (picked) => onChange(picked === 'yes'),
            true,
          )}
        </Frame>
      );
    case 'rating':
    case 'nps': {
      const [min, max, step] = question.type === 'nps' ? [0, 10, 1] : [question.min, question.max, question.step];
      const points: { value: string; label: string }[] = [];
      // Labels in the page's language (1,5 in German); values stay plain numbers.
      const number = new Intl.NumberFormat(locale);
      for (let point = min; point <= max + 1e-9; point += step) {
        const rounded = Math.round(point * 1e6) / 1e6;
        points.push({ value: String(rounded), label: number.format(rounded) });
      }
      return (
        <Frame rendered={rendered} error={error} group controlId={id}>
          {(rendered.minLabel || rendered.maxLabel) && (
            <p className="survey__ends muted">
              <span>{rendered.minLabel}</span>
              <span>{rendered.maxLabel}</span>
            </p>
          )}
          {radios(points, value === undefined ? undefined : String(value), (picked) => onChange(Number(picked)), true)}
        </Frame>
      );
    }
    case 'short_text':
    case 'number':
    case 'date':
      return (
        <Frame rendered={rendered} error={error} group={false} controlId={id}>
          <input
            id={id}
            className="input"
            type={question.type === 'short_text' ? 'text' : question.type}
            inputMode={question.type === 'number' ? 'decimal' : undefined}
            maxLength={question.type === 'short_text' ? question.maxLength : undefined}
            step={question.type === 'number' ? (question.decimals === 0 ? 1 : 10 ** -question.decimals) : undefined}
            value={value === undefined ? '' : String(value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => {
              const raw = event.target.value;
              if (raw === '') onChange(undefined);
              else onChange(question.type === 'number' ? Number(raw) : raw);
            }}
          />
        </Frame>
      );
    case 'long_text':
      return (
        <Frame rendered={rendered} error={error} group={false} controlId={id}>
          <textarea
            id={id}
            className="textarea"
            rows={5}
            maxLength={question.maxLength}
            value={typeof value === 'string' ? value : ''}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
        </Frame>
      );
    case 'matrix': {
      const answer = (value as MatrixAnswer | undefined) ?? {};
      return (
        <Frame rendered={rendered} error={error} group controlId={id}>
          {rendered.options.map((row) => (
            <fieldset key={row.value} className="survey__matrix-row">
              <legend>{row.label}</legend>
              <div className="survey__scale survey__scale--words">
                {rendered.columns.map((column) => (
                  <label key={column.value} className="choice">
                    <input
                      type="radio"
                      name={`${id}-${row.value}`}
                      checked={answer[row.value] === column.value}
                      onChange={() => onChange({ ...answer, [row.value]: column.value })}
                    />
                    <span className="choice__label">{column.label}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </Frame>
      );
    }
    case 'ranking': {
      const order = (value as string[] | undefined) ?? rendered.options.map((option) => option.value);
      const label = (item: string) => rendered.options.find((option) => option.value === item)?.label ?? item;
      const move = (from: number, to: number) => {
        const next = [...order];
        const [item] = next.splice(from, 1);
        next.splice(to, 0, item!);
        onChange(next);
      };
      return (
        <Frame rendered={rendered} error={error} group controlId={id}>
          <ol className="survey__ranking">
            {order.map((item, at) => (
              <li key={item} className="row">
                <span className="survey__rank">{t('surveys.respond.rank', { rank: at + 1 })}</span>
                <span className="survey__rank-label">{label(item)}</span>
                <button type="button" className="button button--secondary button--small" disabled={at === 0} onClick={() => move(at, at - 1)} aria-label={t('surveys.respond.rankUp', { option: label(item) })}>
                  ↑
                </button>
                <button type="button" className="button button--secondary button--small" disabled={at === order.length - 1} onClick={() => move(at, at + 1)} aria-label={t('surveys.respond.rankDown', { option: label(item) })}>
                  ↓
                </button>
              </li>
            ))}
          </ol>
        </Frame>
      );
    }
  }
}

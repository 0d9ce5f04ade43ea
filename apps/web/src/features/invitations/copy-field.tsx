import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';

/** A read-only link with a copy button; selecting the text stays possible where the clipboard is blocked. */
export function CopyField({
  value,
  label,
  focusOnShow = false,
}: {
  value: string;
  label: string;
  /** Takes focus (selected) when it appears: the thing the member just asked for. */
  focusOnShow?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (focusOnShow) inputRef.current?.focus();
  }, [focusOnShow, value]);
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="copy-field">
        <input
          ref={inputRef}
          id={id}
          className="input input--mono"
          value={value}
          readOnly
          onFocus={(event) => event.target.select()}
        />
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              inputRef.current?.focus();
            }
          }}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
      <span className="visually-hidden" role="status">
        {copied ? t('common.copied') : ''}
      </span>
    </div>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';

/** A read-only link with a copy button; selecting the text stays possible where the clipboard is blocked. */
export function CopyField({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="copy-field">
        <input
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
              document.getElementById(id)?.focus();
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

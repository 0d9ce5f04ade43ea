import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { TextAreaField } from '../../ui/fields';
import { MarkdownView } from './markdown-view';

/**
 * The composer's text: Markdown with a preview rendered by the very renderer readers get.
 * The textarea stays in the form while the preview shows, so submitting sends what was
 * typed. Ctrl+Enter (⌘+Enter) submits.
 */
export function PostBodyField({
  label,
  value,
  onChange,
  error,
  autoFocus,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  autoFocus?: boolean;
  /** The form's buttons, beside the preview switch. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const submitOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };
  return (
    <div className="composer">
      <TextAreaField
        label={label}
        name="body"
        hint={t('discussions.composer.hint')}
        error={error}
        value={value}
        rows={6}
        hidden={preview}
        autoFocus={autoFocus}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={submitOnCtrlEnter}
      />
      {preview && (
        <section className="composer__preview" aria-label={t('discussions.composer.preview')}>
          {value.trim() ? (
            <MarkdownView source={value} />
          ) : (
            <p className="muted">{t('discussions.composer.nothingToPreview')}</p>
          )}
        </section>
      )}
      <div className="row composer__actions">
        {children}
        <Button
          variant="secondary"
          aria-pressed={preview}
          onClick={() => setPreview((shown) => !shown)}
        >
          {t('discussions.composer.preview')}
        </Button>
      </div>
    </div>
  );
}

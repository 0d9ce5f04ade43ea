import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { useFocusProblem } from './focus-problem';

interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  /** The buttons at the bottom. */
  actions: ReactNode;
  /** Escape (and the close request of the browser). */
  onCancel: () => void;
  wide?: boolean;
  /**
   * Grows by one after each failed attempt (invalid input or a refused request): focus then
   * moves to the first invalid field or the error, as in forms (useForm).
   */
  failedAttempts?: number;
}

/**
 * A modal on the native <dialog>: it traps focus, closes on Escape and returns focus to
 * the element that opened it.
 */
export function Dialog({
  open,
  title,
  children,
  actions,
  onCancel,
  wide,
  failedAttempts = 0,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useFocusProblem(ref, failedAttempts);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <div className="dialog__body">
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
          {children}
          <div className="dialog__actions">{actions}</div>
        </div>
      )}
    </dialog>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirm or cancel one action. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  busy,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={title}
      onCancel={onCancel}
      actions={
        <>
          <Button variant="secondary" onClick={onCancel} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button variant={tone} onClick={onConfirm} busy={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

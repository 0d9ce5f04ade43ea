import type { ButtonHTMLAttributes, MouseEvent } from 'react';
import { Spinner } from './spinner-icon';

/* The button alone, without the router (ButtonLink is in button.tsx): the light respondent entry uses it. */

export type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface Look {
  variant?: Variant;
  size?: 'normal' | 'small';
  block?: boolean;
}

export function buttonClass(
  { variant = 'primary', size = 'normal', block = false }: Look,
  extra?: string,
): string {
  return [
    'button',
    `button--${variant}`,
    size === 'small' && 'button--small',
    block && 'button--block',
    extra,
  ]
    .filter(Boolean)
    .join(' ');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, Look {
  /** Shows a spinner and blocks a second click while a request runs. */
  busy?: boolean;
}

/** Swallows clicks (and so form submits) while disabled or busy. */
function ignore(event: MouseEvent<HTMLButtonElement>) {
  event.preventDefault();
}

export function Button({
  variant,
  size,
  block,
  busy = false,
  className,
  children,
  disabled,
  type,
  onClick,
  ...rest
}: ButtonProps) {
  // aria-disabled, never the disabled attribute: a button that becomes disabled while it
  // has focus drops focus to <body>, and keyboard and screen-reader users lose their place.
  const blocked = busy || disabled === true;
  return (
    <button
      type={type ?? 'button'}
      className={buttonClass({ variant, size, block }, className)}
      aria-disabled={blocked || undefined}
      aria-busy={busy || undefined}
      onClick={blocked ? ignore : onClick}
      {...rest}
    >
      {busy && <Spinner size="small" />}
      {children}
    </button>
  );
}

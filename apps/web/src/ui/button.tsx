import type { ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { buttonClass, type Look } from './button-base';

export { Button, type ButtonProps } from './button-base';

export function ButtonLink({
  variant,
  size,
  block,
  className,
  ...rest
}: LinkProps & Look & { children: ReactNode }) {
  return <Link className={buttonClass({ variant, size, block }, className)} {...rest} />;
}

import type { ReactNode } from 'react';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

/** Danger alerts interrupt screen readers (role=alert); the others are polite status messages. */
export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <div className="alert__body">
        {title && <p className="alert__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}

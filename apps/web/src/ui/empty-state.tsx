import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty">
      <svg className="empty__icon" viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="18" cy="20" r="9" fill="none" stroke="currentColor" strokeWidth="3" />
        <circle
          cx="32"
          cy="28"
          r="9"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          opacity="0.5"
        />
      </svg>
      {/* A sentence, not a section: no heading. */}
      <p className="empty__title">{title}</p>
      {children && <p className="empty__text">{children}</p>}
      {action}
    </div>
  );
}

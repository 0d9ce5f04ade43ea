import type { ReactNode } from 'react';

/** Text that stays folded until asked for (native <details>: keyboard and screen readers work). */
export function Disclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary className="disclosure__summary">{summary}</summary>
      {/* Focusable, so a long text scrolls with the keyboard too. */}
      <div className="disclosure__body" tabIndex={0}>
        {children}
      </div>
    </details>
  );
}

import { useEffect, useState, type ReactNode } from 'react';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

/** How long a success message waits after its live region exists (screen readers need to see it first). */
const liveRegionDelayMs = 100;

/**
 * Danger alerts interrupt screen readers (role=alert) and can take focus (focusFirstProblem);
 * the others are polite status messages. A success alert reports an outcome, so its text
 * arrives just after its live region: a status element inserted together with its text is
 * often not read.
 */
export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
}) {
  const [filled, setFilled] = useState(tone !== 'success');
  useEffect(() => {
    if (filled) return;
    const timer = setTimeout(() => setFilled(true), liveRegionDelayMs);
    return () => clearTimeout(timer);
  }, [filled]);
  return (
    <div
      className={`alert alert--${tone}`}
      role={tone === 'danger' ? 'alert' : 'status'}
      tabIndex={tone === 'danger' ? -1 : undefined}
    >
      {filled && (
        <div className="alert__body">
          {title && <p className="alert__title">{title}</p>}
          {children}
        </div>
      )}
    </div>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { useAnnounce } from './announcer';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

/**
 * Danger alerts interrupt screen readers (role=alert) and can take focus; a success alert
 * reports an outcome, so it is spoken through the app's live region (a status element
 * inserted together with its text is often not read). The others are polite statuses.
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
  const ref = useRef<HTMLDivElement>(null);
  const announced = useRef('');
  const announce = useAnnounce();
  useEffect(() => {
    if (tone !== 'success') return;
    const text = ref.current?.textContent ?? '';
    if (text && text !== announced.current) {
      announced.current = text;
      announce(text);
    }
  });
  return (
    <div
      ref={ref}
      className={`alert alert--${tone}`}
      role={tone === 'danger' ? 'alert' : tone === 'success' ? undefined : 'status'}
      // A problem with no field of its own receives focus (focusFirstProblem).
      tabIndex={tone === 'danger' ? -1 : undefined}
    >
      <div className="alert__body">
        {title && <p className="alert__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}

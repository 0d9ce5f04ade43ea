import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

/**
 * One polite live region for the whole app: the outcome of an action ("Consent given") is
 * read out even when the page around the button changes. Mounted once, so it exists before
 * the first message (a live region added together with its text is often not read).
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const announce = useCallback((next: string) => {
    // Clear first, so the same message twice in a row is read twice.
    setMessage('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(next), 60);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" data-announcer="">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Says a short outcome to screen-reader users without moving their focus. */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

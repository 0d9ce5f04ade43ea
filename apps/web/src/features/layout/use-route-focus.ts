import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/** How long a new page may take to show its h1 (lazy code, then its data). */
const waitForHeadingMs = 10_000;

/**
 * After every navigation (not the first page load), focus moves to the new page's h1, so
 * screen readers announce where the member landed and the next Tab starts at the content.
 * Whatever the new page focused itself (a field, a welcome) keeps its focus.
 */
export function useRouteFocus(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const root = main.current;
    if (!root) return;
    const focusHeading = (): boolean => {
      // The new page focused something itself (a field, a welcome): it keeps it. A link
      // that stays on screen (tabs) is only where the navigation started.
      const active = document.activeElement;
      if (active && active !== root && root.contains(active) && !active.matches('a[href]'))
        return true;
      const heading = root.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    // The page is still loading: wait for its h1 to appear.
    const observer = new MutationObserver(() => {
      if (focusHeading()) stop();
    });
    const timer = setTimeout(stop, waitForHeadingMs);
    function stop() {
      observer.disconnect();
      clearTimeout(timer);
    }
    observer.observe(root, { childList: true, subtree: true });
    return stop;
  }, [pathname, main]);
}

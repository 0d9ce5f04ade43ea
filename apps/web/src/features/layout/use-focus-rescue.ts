import { useEffect, type RefObject } from 'react';

const focusable =
  'h2[tabindex], h3[tabindex], button, a[href], input, select, textarea, [tabindex="0"]';

/**
 * When an action removes the element that had focus (a "Give consent" button that turns
 * into "Withdraw", an "Apply" button that goes away once applied), focus would fall to
 * <body> and keyboard and screen-reader users lose their place. Focus moves instead to the
 * first focusable element of the nearest part of the page that is still there and has one.
 * A page that was swapped as a whole is left to the navigation focus (useRouteFocus).
 */
export function useFocusRescue(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const main = root.current;
    if (!main) return;
    let lastPath: Element[] = [];
    const remember = (event: FocusEvent) => {
      const path: Element[] = [];
      for (
        let node = event.target as Element | null;
        node && node !== main;
        node = node.parentElement
      )
        path.push(node);
      lastPath = path;
    };
    const rescue = () => {
      const lost = lastPath[0];
      if (!lost || lost.isConnected) return;
      if (document.activeElement !== document.body && document.activeElement !== null) return;
      const survivors = lastPath.filter((element) => element.isConnected);
      lastPath = [];
      for (const part of survivors) {
        const target = part.querySelector<HTMLElement>(focusable);
        if (target) {
          target.focus();
          return;
        }
      }
    };
    const observer = new MutationObserver(rescue);
    main.addEventListener('focusin', remember);
    observer.observe(main, { childList: true, subtree: true });
    return () => {
      main.removeEventListener('focusin', remember);
      observer.disconnect();
    };
  }, [root]);
}

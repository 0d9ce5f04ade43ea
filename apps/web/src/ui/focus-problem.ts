import { useEffect, type RefObject } from 'react';

/**
 * Moves focus to the first invalid control inside `root` (its error is read with it),
 * else to a danger alert there, so keyboard and screen-reader users land on the problem.
 */
export function focusFirstProblem(root: HTMLElement | null): void {
  if (!root) return;
  const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (invalid) {
    // A fieldset (radio group) is not focusable itself: its first control is.
    const control = invalid.matches('fieldset')
      ? invalid.querySelector<HTMLElement>('input, select, textarea')
      : invalid;
    (control ?? invalid).focus();
    return;
  }
  root.querySelector<HTMLElement>('[role="alert"]')?.focus();
}

/** Runs focusFirstProblem after each failed attempt (a counter that grows per failure). */
export function useFocusProblem(root: RefObject<HTMLElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt > 0) focusFirstProblem(root.current);
  }, [attempt, root]);
}

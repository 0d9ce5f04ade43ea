// @vitest-environment happy-dom
import { act, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Alert } from './alert';
import { Announcer, useAnnounce } from './announcer';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
function render(element: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<Announcer>{element}</Announcer>));
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function Say({ message }: { message: string }) {
  const announce = useAnnounce();
  useEffect(() => announce(message), [announce, message]);
  return null;
}

const region = (container: HTMLElement) => container.querySelector('[data-announcer]')!;

describe('Announcer', () => {
  it('is a polite live region that exists before its first message', () => {
    const container = render(null);
    expect(region(container).getAttribute('role')).toBe('status');
    expect(region(container).getAttribute('aria-live')).toBe('polite');
    expect(region(container).textContent).toBe('');
  });

  it('speaks a message, and the same message again after clearing it', () => {
    vi.useFakeTimers();
    const container = render(<Say message="Consent given: Newsletter" />);
    act(() => vi.advanceTimersByTime(100));
    expect(region(container).textContent).toBe('Consent given: Newsletter');
    act(() =>
      root!.render(
        <Announcer>
          <Say message="Consent given: Newsletter " />
        </Announcer>,
      ),
    );
    expect(region(container).textContent).toBe('');
    act(() => vi.advanceTimersByTime(100));
    expect(region(container).textContent).toBe('Consent given: Newsletter ');
  });

  it('fills a success alert just after its live region exists, so it is read', () => {
    vi.useFakeTimers();
    const container = render(<Alert tone="success">Your changes have been saved.</Alert>);
    const alert = container.querySelector('.alert')!;
    expect(alert.getAttribute('role')).toBe('status');
    expect(alert.textContent).toBe('');
    act(() => vi.advanceTimersByTime(150));
    expect(alert.textContent).toBe('Your changes have been saved.');
  });
});

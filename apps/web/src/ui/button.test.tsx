// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button } from './button';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
function render(element: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

describe('Button', () => {
  it('keeps focus while busy: aria-disabled, never the disabled attribute', () => {
    const onClick = vi.fn();
    const container = render(<Button onClick={onClick}>Give consent</Button>);
    const button = container.querySelector('button')!;
    button.focus();
    act(() =>
      root!.render(
        <Button onClick={onClick} busy>
          Give consent
        </Button>,
      ),
    );
    expect(document.activeElement).toBe(button);
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
  });

  it('ignores clicks while busy or disabled', () => {
    const onClick = vi.fn();
    const container = render(
      <>
        <Button onClick={onClick} busy>
          Busy
        </Button>
        <Button onClick={onClick} disabled>
          Disabled
        </Button>
        <Button onClick={onClick}>Ready</Button>
      </>,
    );
    const [busy, disabled, ready] = [...container.querySelectorAll('button')];
    act(() => {
      busy!.click();
      disabled!.click();
    });
    expect(onClick).not.toHaveBeenCalled();
    expect(disabled!.getAttribute('aria-disabled')).toBe('true');
    act(() => ready!.click());
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('does not submit its form a second time while busy', () => {
    const onSubmit = vi.fn((event: Event) => event.preventDefault());
    const container = render(
      <form onSubmit={(event) => onSubmit(event.nativeEvent)}>
        <Button type="submit" busy>
          Save
        </Button>
      </form>,
    );
    act(() => container.querySelector('button')!.click());
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

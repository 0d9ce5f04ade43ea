// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { focusFirstProblem } from './focus-problem';

afterEach(() => {
  document.body.innerHTML = '';
});

function root(html: string): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = html;
  document.body.append(element);
  return element;
}

describe('focusFirstProblem', () => {
  it('focuses the first invalid field', () => {
    const form = root(
      '<input id="a"><input id="b" aria-invalid="true"><input id="c" aria-invalid="true">',
    );
    focusFirstProblem(form);
    expect(document.activeElement?.id).toBe('b');
  });

  it('focuses the first control of an invalid radio group', () => {
    const form = root(
      '<fieldset aria-invalid="true"><input type="radio" id="r1"><input type="radio" id="r2"></fieldset>',
    );
    focusFirstProblem(form);
    expect(document.activeElement?.id).toBe('r1');
  });

  it('focuses the error alert when no field is invalid', () => {
    const dialog = root(
      '<button>Cancel</button><div role="alert" tabindex="-1" id="e">Wrong</div>',
    );
    focusFirstProblem(dialog);
    expect(document.activeElement?.id).toBe('e');
  });
});

// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/i18n';
import { CheckboxField, RadioGroup, TextField } from './fields';
import { EmptyState } from './empty-state';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
await initI18n();

function render(element: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => createRoot(container).render(element));
  return container;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('TextField', () => {
  it('ties label, hint and error to the input for assistive technology', () => {
    const container = render(
      <TextField
        name="email"
        label="Email address"
        hint="We never share it."
        error="Please enter a valid email address."
      />,
    );
    const input = container.querySelector('input')!;
    const label = container.querySelector('label')!;
    expect(label.htmlFor).toBe(input.id);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Please enter a valid email address.', 'We never share it.']);
  });

  it('is neither invalid nor described when there is nothing to say', () => {
    const input = render(<TextField name="name" label="Name" />).querySelector('input')!;
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });
});

/** The ids' texts, in order, of an aria-labelledby or aria-describedby attribute. */
function texts(element: Element, attribute: string): (string | null | undefined)[] {
  return (element.getAttribute(attribute) ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent);
}

describe('descriptions are read once', () => {
  it('names a checkbox by its label and describes it by its description', () => {
    const input = render(
      <CheckboxField label="Newsletter" description="News about the community, monthly." />,
    ).querySelector('input')!;
    expect(texts(input, 'aria-labelledby')).toEqual(['Newsletter']);
    expect(texts(input, 'aria-describedby')).toEqual(['News about the community, monthly.']);
  });

  it('names a radio option by its label and describes it by its description', () => {
    const input = render(
      <RadioGroup
        legend="Visibility"
        name="visibility"
        options={[{ value: 'public', label: 'Public', description: 'Anyone can join.' }]}
      />,
    ).querySelector('input')!;
    expect(texts(input, 'aria-labelledby')).toEqual(['Public']);
    expect(texts(input, 'aria-describedby')).toEqual(['Anyone can join.']);
  });
});

describe('EmptyState', () => {
  it('is a sentence, not a heading', () => {
    const container = render(<EmptyState title="No invitations yet" />);
    expect(container.querySelector('h1, h2, h3, h4')).toBeNull();
    expect(container.textContent).toContain('No invitations yet');
  });
});

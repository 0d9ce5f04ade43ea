// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderPolicyMarkdown } from './markdown';

describe('renderPolicyMarkdown', () => {
  it('renders Markdown with headings below the page title', () => {
    const html = renderPolicyMarkdown('# Terms\n\nYou **agree**.\n\n- one\n- two');
    expect(html).toContain('<h2>Terms</h2>');
    expect(html).toContain('<strong>agree</strong>');
    expect(html).toContain('<li>two</li>');
  });

  it('keeps raw HTML as text and drops scripts, handlers and javascript: links', () => {
    const html = renderPolicyMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))',
    );
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('marks external links noopener', () => {
    expect(renderPolicyMarkdown('[Imprint](https://example.com/imprint)')).toContain(
      'rel="noopener noreferrer"',
    );
  });
});

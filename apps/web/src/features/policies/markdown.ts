import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Policy texts are Markdown written by admins. Raw HTML in the source stays text
 * (html: false) and the rendered HTML is sanitized once more, so a text can never carry
 * script, styles or event handlers into the page.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** A text's own headings sit below the page's h1: "# Title" renders as h2. */
markdown.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
    }
  }
});

/** Links open normally; external ones without handing over the opener or referrer. */
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && /^https?:/i.test(node.getAttribute('href') ?? '')) {
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderPolicyMarkdown(source: string): string {
  return DOMPurify.sanitize(markdown.render(source), {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'img', 'form', 'input', 'button'],
    FORBID_ATTR: ['style'],
  });
}

import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * The one renderer for posts (and the excerpts quotes show): the composer's preview and
 * what readers see run exactly this, so a preview never promises what the page then shows
 * differently. It runs in the browser (decision 020).
 *
 * Two locks, each enough on its own for the common vectors: markdown-it keeps raw HTML as
 * text (html: false) and refuses javascript:/vbscript:/file:/data: links; DOMPurify then
 * keeps only the elements Markdown makes, no style, no ids, no data attributes, and links
 * whose target is http(s), mailto or a path of this site. Images are not rendered at all:
 * a remote image would tell its host who reads the thread (uploads come with rich posts).
 * Nothing here names a member: bylines, quotes' included, come with the post as read.
 */

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.disable('image');

/** A post sits under the thread's h1 and its own heading: "# Title" in a post renders as h3. */
markdown.core.ruler.push('post_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    }
  }
});

/** Its own instance: hooks on the shared DOMPurify would also change the policy texts. */
const purify = DOMPurify(window);

const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#|\?)/i;

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href');
  if (href !== null && !SAFE_URL.test(href)) node.removeAttribute('href');
  if (node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer nofollow ugc');
});

/** What Markdown makes, and nothing else (no span, div, img, svg, form, style …). */
const ALLOWED_TAGS =
  'p br hr em strong s code pre blockquote ul ol li a h3 h4 h5 h6 table thead tbody tr th td'.split(
    ' ',
  );

export function renderPostMarkdown(source: string): string {
  return purify.sanitize(markdown.render(source), {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'class', 'start', 'title'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: SAFE_URL,
  });
}

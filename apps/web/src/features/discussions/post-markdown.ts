import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * The one renderer for posts: the composer's preview and what readers see run exactly
 * this, so a preview never promises what the page then shows differently.
 *
 * Two locks, each enough on its own for the common vectors: markdown-it keeps raw HTML as
 * text (html: false) and refuses javascript:/vbscript:/file:/data: links; DOMPurify then
 * keeps only the elements Markdown makes, no style, no ids, no data attributes, and links
 * whose target is http(s), mailto or a path of this site. Images are not rendered at all:
 * a remote image would tell its host who reads the thread (uploads come with rich posts).
 *
 * Quotes name posts, never people: `> [quote](post:<id>)` opens a quote of that post, and
 * the byline ("Anna wrote:") is looked up when the page is read, so a renamed or erased
 * member never leaves an old name in anyone's post.
 */

/** Where a quoted or linked post is and how its byline reads now; null: not readable. */
export interface PostTarget {
  href: string;
  byline: string;
}

export interface RenderOptions {
  /** Resolves `post:<id>` links (quotes and plain links to a post). */
  resolvePost: (postId: string) => PostTarget | null;
  /** The byline of a quote whose post the reader cannot open (deleted, elsewhere). */
  unknownQuote: string;
}

interface RenderEnv {
  options: RenderOptions;
}

const POST_LINK = /^post:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The post id of a `post:<id>` link, else null. */
export const postLinkTarget = (href: unknown): string | null =>
  (typeof href === 'string' && POST_LINK.exec(href)?.[1]?.toLowerCase()) || null;

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

/**
 * A blockquote whose first line is only a `post:` link is a quote of that post: the line
 * becomes the byline paragraph, the rest of the quote follows it.
 */
markdown.core.ruler.push('post_quotes', (state) => {
  const tokens = state.tokens;
  for (let i = tokens.length - 3; i >= 0; i--) {
    const [open, paragraph, inline] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (open.type !== 'blockquote_open' || paragraph.type !== 'paragraph_open') continue;
    const children = inline.children ?? [];
    const [linkOpen, , linkClose, after] = children;
    if (
      linkOpen?.type !== 'link_open' ||
      !postLinkTarget(linkOpen.attrGet('href')) ||
      linkClose?.type !== 'link_close' ||
      (after !== undefined && after.type !== 'softbreak' && after.type !== 'hardbreak')
    ) {
      continue;
    }
    open.attrJoin('class', 'quote');
    linkOpen.meta = { byline: true };
    paragraph.attrJoin('class', 'quote__byline');
    const rest = children.slice(4);
    inline.children = children.slice(0, 3);
    if (rest.length > 0) {
      // The quoted text after a soft break becomes a paragraph of its own.
      const close = new state.Token('paragraph_close', 'p', -1);
      const nextOpen = new state.Token('paragraph_open', 'p', 1);
      const nextInline = new state.Token('inline', '', 0);
      nextInline.children = rest;
      nextInline.content = '';
      tokens.splice(i + 3, 0, close, nextOpen, nextInline);
    }
  }
});

/** `post:` links point at the post as the reader may see it now, or are dropped. */
markdown.renderer.rules.link_open = (tokens, idx, opts, rawEnv, self) => {
  const env = rawEnv as unknown as RenderEnv;
  const token = tokens[idx]!;
  const postId = postLinkTarget(token.attrGet('href'));
  if (postId) {
    const target = env.options.resolvePost(postId);
    const byline = (token.meta as { byline?: boolean } | null)?.byline === true;
    // The link's own text ("quote") gives way to the byline of today.
    if (byline) {
      const text = tokens[idx + 1];
      if (text?.type === 'text') text.content = target?.byline ?? env.options.unknownQuote;
    }
    if (!target) {
      token.attrs = null;
      token.tag = 'span';
      const close = tokens.slice(idx).find((t) => t.type === 'link_close');
      if (close) close.tag = 'span';
      return self.renderToken(tokens, idx, opts);
    }
    token.attrSet('href', target.href);
  }
  return self.renderToken(tokens, idx, opts);
};

/** Its own instance: hooks on the shared DOMPurify would also change the policy texts. */
const purify = DOMPurify(window);

const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#|\?)/i;

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href');
  if (href !== null && !SAFE_URL.test(href)) node.removeAttribute('href');
  if (node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer nofollow ugc');
});

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'span',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

export function renderPostMarkdown(source: string, options: RenderOptions): string {
  return purify.sanitize(markdown.render(source, { options }), {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'class', 'start', 'title'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: SAFE_URL,
  });
}

/**
 * The Markdown a quote-reply starts with: the quote marker and the post's own text
 * without the quotes it held (quotes of quotes only grow).
 */
export function quoteMarkdown(postId: string, body: string): string {
  const own = body
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .trim();
  const quoted = own
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
  return `> [quote](post:${postId})\n${quoted}\n\n`;
}

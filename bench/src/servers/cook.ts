import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// What "cooking" a post on the server would cost: CommonMark without raw HTML, then an
// allow-list sanitizer, as the browser does with markdown-it + DOMPurify.
const markdown = new MarkdownIt({ html: false, linkify: true });
const allowed: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags,
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow ugc' }) },
};

export const cook = (body: string): string => sanitizeHtml(markdown.render(body), allowed);

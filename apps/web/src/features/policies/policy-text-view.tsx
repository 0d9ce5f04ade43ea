import { useMemo } from 'react';
import { renderPolicyMarkdown } from './markdown';

/**
 * One policy text, rendered from its Markdown source: the very source whose hash a
 * consent proves.
 */
export function PolicyTextView({ body }: { body: string }) {
  const html = useMemo(() => renderPolicyMarkdown(body), [body]);
  return (
    // The HTML comes from markdown-it without raw HTML and passed through DOMPurify.
    <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
  );
}

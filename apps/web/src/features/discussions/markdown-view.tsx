import { useMemo, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { renderPostMarkdown } from './post-markdown';

/**
 * A post's Markdown as readers (and the composer's preview) see it. Links to this site
 * move within the app instead of reloading it.
 */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  const navigate = useNavigate();
  const html = useMemo(() => renderPostMarkdown(source), [source]);
  const follow = (event: MouseEvent<HTMLDivElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href');
    if (href?.startsWith('/') && !href.startsWith('//')) {
      event.preventDefault();
      void navigate(href);
    }
  };
  return (
    // Listens for clicks on its links only (Enter on a link fires click as well).
    <div
      className={className ? `prose post-body ${className}` : 'prose post-body'}
      onClick={follow}
      // markdown-it without raw HTML, then DOMPurify with an allow-list (post-markdown.ts).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

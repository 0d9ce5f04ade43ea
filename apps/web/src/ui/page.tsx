import { useEffect, type ReactNode } from 'react';

interface PageProps {
  title: string;
  /** Above the title, e.g. the community a settings page belongs to. */
  eyebrow?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  width?: 'wide' | 'medium' | 'narrow';
  children?: ReactNode;
}

/** Every page: one h1, the document title, a consistent head and width. */
export function Page({
  title,
  eyebrow,
  description,
  actions,
  width = 'wide',
  children,
}: PageProps) {
  useDocumentTitle(title);
  const widthClass = width === 'wide' ? 'stack' : `stack page--${width}`;
  return (
    <div className={widthClass}>
      <div className="page__head">
        <div className="page__titles">
          {eyebrow && <div className="page__eyebrow">{eyebrow}</div>}
          <h1 className="page__title" tabIndex={-1}>
            {title}
          </h1>
          {description && <p className="page__description">{description}</p>}
        </div>
        {actions && <div className="page__actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Quorum`;
  }, [title]);
}

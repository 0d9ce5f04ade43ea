import type { ReactNode } from 'react';

interface CardProps {
  title?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** The heading level that fits the page outline. */
  level?: 2 | 3;
  className?: string;
  children?: ReactNode;
}

export function Card({ title, subtitle, actions, level = 2, className, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const hasHead = title !== undefined || actions !== undefined;
  return (
    <section className={className ? `card ${className}` : 'card'}>
      {hasHead && (
        <div className="card__head">
          <div>
            {title !== undefined && <Heading className="card__title">{title}</Heading>}
            {subtitle !== undefined && <p className="card__subtitle">{subtitle}</p>}
          </div>
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

import type { ReactNode } from 'react';

/** Rows that wrap on small screens instead of scrolling sideways (unlike a table). */
export function List({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <ul className="list" aria-label={label}>
      {children}
    </ul>
  );
}

interface ListItemProps {
  title: ReactNode;
  meta?: ReactNode;
  leading?: ReactNode;
  actions?: ReactNode;
}

export function ListItem({ title, meta, leading, actions }: ListItemProps) {
  return (
    <li className="list__item">
      <div className="list__main">
        {leading}
        <div className="list__text">
          <div className="list__title">{title}</div>
          {meta && <div className="list__meta">{meta}</div>}
        </div>
      </div>
      {actions && <div className="list__actions">{actions}</div>}
    </li>
  );
}

export function Avatar({ name }: { name: string }) {
  const initial = [...name.trim()][0] ?? '?';
  return (
    <span className="avatar" aria-hidden="true">
      {initial}
    </span>
  );
}

/** Key-value facts (visibility, members, language) as a description list. */
export function Facts({ items }: { items: Array<{ label: string; value: ReactNode }> }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.label} className="facts__row">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '@quorum/domain/shared/pagination';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { Loading } from '../../ui/spinner';

/** The cursor a page hands to the next one: for `infiniteQueryOptions(input, nextPage)`. */
export const nextPage = { getNextPageParam: <T,>(last: Page<T>) => last.nextCursor };

type PagedQuery<T> = UseInfiniteQueryResult<InfiniteData<Page<T>, unknown>, unknown>;

/**
 * A list that grows with a community, read page by page: loading and error states, the
 * rows so far, how many of how many, and "show more" (a button: keyboard users and screen
 * readers get there, and the page never loads 20,000 rows on its own).
 */
export function PagedList<T>({
  query,
  empty,
  children,
}: {
  query: PagedQuery<T>;
  /** Shown when the list (or the search) has no rows. */
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert tone="danger">{t(errorKey(query.error))}</Alert>;
  const items = query.data.pages.flatMap((page) => page.items);
  const total = query.data.pages[0]?.total ?? 0;
  if (items.length === 0) return <>{empty}</>;
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="stack stack--tight">
      {children(items)}
      <div className="row paged-list__footer">
        <p className="muted" role="status">
          {t('lists.showing', { shown: number.format(items.length), total: number.format(total) })}
        </p>
        {query.hasNextPage && (
          <Button
            variant="secondary"
            size="small"
            busy={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('lists.showMore')}
          </Button>
        )}
      </div>
    </div>
  );
}

/** A search box whose value settles before it is sent: one request per pause, not per key. */
export function useSearch(delayMs = 300): {
  input: string;
  setInput: (value: string) => void;
  search: string;
} {
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(input.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [input, delayMs]);
  return { input, setInput, search };
}

export function SearchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      type="search"
      label={label}
      value={value}
      maxLength={100}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/alert';
import { errorKey } from '../../ui/form-errors';
import { Loading } from '../../ui/spinner';
import { NotFoundPage } from './not-found-page';

/** Loading, not-found and error states of one query, the same on every page. */
export function QueryState<T, E>({
  query,
  children,
}: {
  query: UseQueryResult<T, E>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const key = errorKey(query.error);
    if (key === 'errors.NOT_FOUND') return <NotFoundPage />;
    return <Alert tone="danger">{t(key)}</Alert>;
  }
  return <>{children(query.data)}</>;
}

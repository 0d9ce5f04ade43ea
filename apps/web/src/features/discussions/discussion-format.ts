import { useTranslation } from 'react-i18next';

/** Paths of the discussion pages (routes in app-routes.tsx). */
export const discussionPaths = {
  category: (slug: string, categoryId: string) => `/c/${slug}/categories/${categoryId}`,
  manageCategories: (slug: string) => `/c/${slug}/categories`,
  newThread: (slug: string, categoryId?: string) =>
    `/c/${slug}/new-thread${categoryId ? `?category=${categoryId}` : ''}`,
  /** A thread, opened at its start, at a post (a quote's link) or at the first unread post. */
  thread: (slug: string, threadId: string, at?: { postId: string } | 'unread') =>
    `/c/${slug}/t/${threadId}${
      at === 'unread' ? '?unread=1' : at ? `?post=${encodeURIComponent(at.postId)}` : ''
    }`,
  member: (slug: string, accountId: string) => `/c/${slug}/members/${accountId}`,
};

/** Date and time in the page's language ("3. März 2026, 14:05" / "Mar 3, 2026, 2:05 PM"). */
export function useFormatDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (date: Date) => format.format(date);
}

/** A byline: the name as it is today, or "deleted member" once the account is erased. */
export function useAuthorName() {
  const { t } = useTranslation();
  return (name: string | null) => name ?? t('discussions.deletedMember');
}

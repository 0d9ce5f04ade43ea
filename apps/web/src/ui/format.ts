import { useTranslation } from 'react-i18next';

/** Dates in the page's language ("3. März 2026" / "Mar 3, 2026"). */
export function useFormatDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (date: Date) => format.format(date);
}

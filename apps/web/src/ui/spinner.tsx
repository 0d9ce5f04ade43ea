import { useTranslation } from 'react-i18next';
import { Spinner } from './spinner-icon';

export { Spinner };

/** A friendly placeholder while a page's data loads. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

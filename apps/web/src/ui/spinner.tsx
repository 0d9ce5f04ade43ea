import { useTranslation } from 'react-i18next';

export function Spinner({ size = 'normal' }: { size?: 'normal' | 'small' }) {
  return (
    <span className={size === 'small' ? 'spinner spinner--small' : 'spinner'} aria-hidden="true" />
  );
}

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

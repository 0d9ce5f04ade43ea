import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../ui/button';
import { useDocumentTitle } from '../../ui/page';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="page__title" tabIndex={-1}>
        {t('notFound.title')}
      </h1>
      <p className="muted">{t('notFound.text')}</p>
      <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
    </div>
  );
}

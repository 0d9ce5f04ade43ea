import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Alert } from '../../ui/alert';
import { ButtonLink } from '../../ui/button';
import { NotFoundPage } from './not-found-page';

/** Shown when a page crashes or a lazy chunk fails to load (e.g. after a deploy). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main id="main" className="main">
      <div className="stack page--narrow">
        <h1 className="page__title" tabIndex={-1}>
          {t('crash.title')}
        </h1>
        <Alert tone="danger">{t('crash.text')}</Alert>
        <ButtonLink to="/" reloadDocument>
          {t('crash.reload')}
        </ButtonLink>
      </div>
    </main>
  );
}

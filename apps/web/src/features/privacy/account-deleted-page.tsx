import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { Page } from '../../ui/page';

/** Where a deleted account lands: signed out, with what happened and what stays. */
export function AccountDeletedPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('accountDeleted.title')} width="narrow">
      <Card>
        <div className="stack stack--tight">
          <p>{t('accountDeleted.text')}</p>
          <p className="muted small">{t('accountDeleted.backups')}</p>
          <div>
            <ButtonLink to="/">{t('accountDeleted.home')}</ButtonLink>
          </div>
        </div>
      </Card>
    </Page>
  );
}

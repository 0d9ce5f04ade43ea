import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/page';
import { RequireAccount } from '../auth/use-session';
import { ConsentsCard } from './consents-card';
import { DeleteAccountCard } from './delete-account-card';
import { ExportsCard, StaffAccessesCard } from './exports-card';

/** `/privacy-center`: the member's consents, their data, and who on the staff looked at it. */
export function PrivacyCenterPage() {
  const { t } = useTranslation();
  return (
    <RequireAccount>
      {() => (
        <Page
          title={t('privacyCenter.title')}
          description={t('privacyCenter.description')}
          width="medium"
        >
          <ConsentsCard />
          <ExportsCard />
          <StaffAccessesCard />
          <DeleteAccountCard />
        </Page>
      )}
    </RequireAccount>
  );
}

import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@quorum/domain/communities/membership';
import { Disclosure } from '../../ui/disclosure';
import { Facts } from '../../ui/list';

/** Where a role is chosen: what each one may see and do, one click away. */
export function RoleGuide({ choices = roles }: { choices?: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Disclosure summary={t('roleInfo.guide')}>
      <Facts
        items={choices.map((role) => ({ label: t(`roles.${role}`), value: t(`roleInfo.${role}`) }))}
      />
    </Disclosure>
  );
}

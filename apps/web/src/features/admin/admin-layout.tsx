import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { TabNav } from '../../ui/tabs';
import { RequireAccount } from '../auth/use-session';
import { NotFoundPage } from '../layout/not-found-page';

/** `/admin`: the operator's pages, for instance admins only (the server checks each call too). */
export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <RequireAccount>
      {(account) =>
        account.isInstanceAdmin ? (
          <div className="stack">
            <TabNav
              label={t('admin.sections')}
              items={[
                { to: '/admin', label: t('admin.records.tab') },
                { to: '/admin/policies', label: t('admin.policies.tab') },
                { to: '/admin/settings', label: t('admin.settings.tab') },
                { to: '/admin/requests', label: t('admin.requests.tab') },
                { to: '/admin/audit', label: t('admin.audit.tab') },
              ]}
            />
            <Outlet />
          </div>
        ) : (
          <NotFoundPage />
        )
      }
    </RequireAccount>
  );
}

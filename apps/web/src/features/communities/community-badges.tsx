import { useTranslation } from 'react-i18next';
import type { Visibility } from '@quorum/domain/communities/community';
import type { Role } from '@quorum/domain/communities/membership';
import { Badge } from '../../ui/badge';

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return (
    <Badge
      tone={visibility === 'public' ? 'success' : visibility === 'private' ? 'warning' : 'neutral'}
    >
      {t(`visibility.${visibility}.label`)}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Badge tone={role === 'member' ? 'neutral' : 'primary'}>{t(`roles.${role}`)}</Badge>;
}

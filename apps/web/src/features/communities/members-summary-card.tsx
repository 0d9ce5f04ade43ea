import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import type { MemberListEntry } from '@quorum/domain/communities/membership';
import { useTRPC } from '../../trpc';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { Avatar } from '../../ui/list';
import { QueryState } from '../layout/query-state';
import { RoleBadge } from './community-badges';

/** The community page's view of its members: how many, the newest, the staff — the full list is a link away. */
export function MembersSummaryCard({ data }: { data: CommunityPage }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const summary = useQuery(
    trpc.communities.memberSummary.queryOptions({ communityId: data.community.id }),
  );
  return (
    <Card
      title={t('community.members')}
      subtitle={t('community.memberCount', { count: data.memberCount })}
      actions={
        <ButtonLink variant="secondary" size="small" to={`/c/${data.community.slug}/members`}>
          {t('members.all')}
        </ButtonLink>
      }
    >
      <QueryState query={summary}>
        {({ newest, staff, staffTotal }) => (
          <div className="stack stack--tight">
            <h3 className="members__heading">{t('members.newest')}</h3>
            <MemberNames label={t('members.newest')} members={newest} />
            <h3 className="members__heading">{t('members.staff', { count: staffTotal })}</h3>
            <MemberNames label={t('members.team')} members={staff} showRole />
          </div>
        )}
      </QueryState>
    </Card>
  );
}

function MemberNames({
  label,
  members,
  showRole = false,
}: {
  label: string;
  members: MemberListEntry[];
  showRole?: boolean;
}) {
  return (
    <ul className="member-names" aria-label={label}>
      {members.map((member) => (
        <li key={member.accountId} className="member-names__item">
          <Avatar name={member.displayName} />
          <span>{member.displayName}</span>
          {showRole && <RoleBadge role={member.role} />}
        </li>
      ))}
    </ul>
  );
}

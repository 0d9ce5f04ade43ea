/**
 * The SQL of Quorum's community directory for a signed-in member who is no admin, as
 * KyselyCommunityRepository.list builds it: what the raw and the minimal tRPC handler run.
 */
export const directorySql = `
  select c.*,
    (select count(*) from memberships as m where m.community_id = c.id) as member_count,
    (select v.role from memberships as v where v.community_id = c.id and v.account_id = ?) as viewer_role
  from communities as c
  where c.visibility in ('public', 'private')
     or exists (select own.account_id from memberships as own where own.community_id = c.id and own.account_id = ?)
  order by c.name, c.slug`;

export interface DirectoryRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: string;
  default_locale: string;
  erasure_content_policy: string;
  created_at: string;
  member_count: number;
  viewer_role: string | null;
}

/** The directory entry the web gets, mapped as the repository maps it. */
export function toEntry(row: DirectoryRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    defaultLocale: row.default_locale,
    erasureContentPolicy: row.erasure_content_policy,
    createdAt: new Date(row.created_at),
    memberCount: Number(row.member_count),
    viewerRole: row.viewer_role,
  };
}

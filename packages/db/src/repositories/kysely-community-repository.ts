import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Community, ErasureContentPolicy, Visibility } from '@quorum/domain/communities/community';
import type { CommunityRepository, DirectoryEntry } from '@quorum/domain/communities/community.port';
import type { Role } from '@quorum/domain/communities/membership';
import type { DirectoryFilter } from '@quorum/domain/communities/permissions';
import type { Locale } from '@quorum/domain/shared/locale';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { CommunitiesTable, Database } from '../schema/database.js';
import { CompiledQueries } from './compiled-queries.js';
import { withUniqueAs } from './unique-violation.js';

const directoryQueries = new CompiledQueries();
const slugTaken = { table: 'communities', columns: ['slug'], code: 'SLUG_TAKEN' } as const;

export class KyselyCommunityRepository implements CommunityRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toCommunity(row: Selectable<CommunitiesTable>): Community {
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      visibility: row.visibility as Visibility,
      defaultLocale: row.default_locale as Locale,
      erasureContentPolicy: row.erasure_content_policy as ErasureContentPolicy,
      timeZone: row.time_zone,
      createdAt: this.caps.fromTimestamp(row.created_at),
    };
  }

  async create(community: Community): Promise<void> {
    await withUniqueAs(this.caps, slugTaken, () =>
      this.db
        .insertInto('communities')
        .values({
          id: community.id,
          slug: community.slug,
          name: community.name,
          description: community.description,
          visibility: community.visibility,
          default_locale: community.defaultLocale,
          erasure_content_policy: community.erasureContentPolicy,
          time_zone: community.timeZone,
          created_at: this.caps.toTimestamp(community.createdAt),
        })
        .execute(),
    );
  }

  async findById(id: string): Promise<Community | null> {
    // Every community-scoped read checks the community first: compiled once per dialect.
    const [row] = await directoryQueries.run(
      this.db as Kysely<never>,
      `${this.caps.name}:community-by-id`,
      (param) => this.db.selectFrom('communities').selectAll().where('id', '=', param<string>('id')),
      { id },
    );
    return row ? this.toCommunity(row) : null;
  }

  async findBySlug(slug: string): Promise<Community | null> {
    const row = await this.db.selectFrom('communities').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? this.toCommunity(row) : null;
  }

  async update(community: Community): Promise<void> {
    await withUniqueAs(this.caps, slugTaken, () =>
      this.db
        .updateTable('communities')
        .set({
          slug: community.slug,
          name: community.name,
          description: community.description,
          visibility: community.visibility,
          default_locale: community.defaultLocale,
          erasure_content_policy: community.erasureContentPolicy,
          time_zone: community.timeZone,
        })
        .where('id', '=', community.id)
        .execute(),
    );
  }

  async list(filter: DirectoryFilter): Promise<DirectoryEntry[]> {
    const signedIn = filter.memberAccountId !== null;
    // Every page load reads the directory: its SQL is compiled once per shape (compiled-queries.ts).
    const shape = `${this.caps.name}:directory:${filter.all}:${signedIn}:${filter.listedVisibilities.join(',')}`;
    const build = (param: <T>(name: string) => T) => {
      const viewerId = signedIn ? param<string>('viewerId') : null;
      return this.db
        .selectFrom('communities as c')
        .selectAll('c')
        .select((eb) => [
          eb
            .selectFrom('memberships as m')
            .select((count) => count.fn.countAll().as('n'))
            .whereRef('m.community_id', '=', 'c.id')
            .as('member_count'),
          viewerId === null
            ? sql<string | null>`null`.as('viewer_role')
            : eb
                .selectFrom('memberships as v')
                .select('v.role')
                .whereRef('v.community_id', '=', 'c.id')
                .where('v.account_id', '=', viewerId)
                .as('viewer_role'),
        ])
        .$if(!filter.all, (query) =>
          query.where((eb) => {
            // Listed ones for everybody, plus every community the viewer belongs to.
            const visible: Expression<SqlBool>[] = [];
            if (filter.listedVisibilities.length > 0) visible.push(eb('c.visibility', 'in', [...filter.listedVisibilities]));
            if (viewerId !== null) {
              visible.push(
                eb.exists(
                  eb
                    .selectFrom('memberships as own')
                    .select('own.account_id')
                    .whereRef('own.community_id', '=', 'c.id')
                    .where('own.account_id', '=', viewerId),
                ),
              );
            }
            return eb.or(visible);
          }),
        )
        .orderBy('c.name')
        .orderBy('c.slug');
    };
    const rows = await directoryQueries.run(this.db as Kysely<never>, shape, build, { viewerId: filter.memberAccountId });
    return rows.map(({ member_count, viewer_role, ...row }) => ({
      ...this.toCommunity(row),
      memberCount: Number(member_count ?? 0),
      viewerRole: (viewer_role ?? null) as Role | null,
    }));
  }
}

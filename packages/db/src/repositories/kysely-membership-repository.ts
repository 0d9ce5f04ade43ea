import type { Kysely, Selectable } from 'kysely';
import type { MembershipRepository } from '@quorum/domain/communities/community.port';
import type { MemberListEntry, MemberListFilter, Membership, Role } from '@quorum/domain/communities/membership';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, MembershipsTable } from '../schema/database.js';
import { CompiledQueries } from './compiled-queries.js';
import { containsText } from './contains-text.js';
import { keysetPage, mapPage, type KeyColumn } from './keyset-page.js';
import { withUniqueAs } from './unique-violation.js';

const alreadyMember = { table: 'memberships', columns: ['community_id', 'account_id'], code: 'ALREADY_MEMBER' } as const;

/** Every community-scoped read looks up the viewer's membership: compiled once per shape (compiled-queries.ts). */
const membershipQueries = new CompiledQueries();

export class KyselyMembershipRepository implements MembershipRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toMembership(row: Selectable<MembershipsTable>): Membership {
    return {
      communityId: row.community_id,
      accountId: row.account_id,
      role: row.role as Role,
      joinedAt: this.caps.fromTimestamp(row.joined_at),
    };
  }

  async add(membership: Membership): Promise<void> {
    await withUniqueAs(this.caps, alreadyMember, () =>
      this.db
        .insertInto('memberships')
        .values({
          community_id: membership.communityId,
          account_id: membership.accountId,
          role: membership.role,
          joined_at: this.caps.toTimestamp(membership.joinedAt),
        })
        .execute(),
    );
  }

  async find(communityId: string, accountId: string): Promise<Membership | null> {
    return this.findOne(communityId, accountId, false);
  }

  /** A key-share lock on PostgreSQL (a role change may go on); SQLite serialises write transactions. */
  async findHeld(communityId: string, accountId: string): Promise<Membership | null> {
    return this.findOne(communityId, accountId, this.caps.rowLocks);
  }

  private async findOne(communityId: string, accountId: string, hold: boolean): Promise<Membership | null> {
    const [row] = await membershipQueries.run(
      this.db as Kysely<never>,
      `${this.caps.name}:membership:${hold}`,
      (param) =>
        this.db
          .selectFrom('memberships')
          .selectAll()
          .where('community_id', '=', param<string>('communityId'))
          .where('account_id', '=', param<string>('accountId'))
          .$if(hold, (query) => query.forKeyShare()),
      { communityId, accountId },
    );
    return row ? this.toMembership(row) : null;
  }

  /** Newest first (joined_at, then account id: a member's one place in the order). */
  async listPage(communityId: string, filter: MemberListFilter, request: PageRequest): Promise<KeysetPage<MemberListEntry>> {
    const query = this.db
      .selectFrom('memberships as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .selectAll('m')
      .select('a.display_name')
      .where('m.community_id', '=', communityId)
      .$if(filter.search !== null, (q) => q.where(containsText(this.caps, 'a.display_name', filter.search!)))
      .$if(filter.roles !== null, (q) => q.where('m.role', 'in', [...filter.roles!]));
    type Row = Awaited<ReturnType<typeof query.execute>>[number];
    const keys: KeyColumn<Row>[] = [
      { ref: 'm.joined_at', order: 'desc', kind: 'timestamp', of: (row) => this.caps.fromTimestamp(row.joined_at).toISOString() },
      { ref: 'm.account_id', order: 'desc', kind: 'text', of: (row) => row.account_id },
    ];
    // Without a name to match, the memberships index alone counts them (no join with accounts).
    const countQuery =
      filter.search === null
        ? this.db
            .selectFrom('memberships as m')
            .select('m.account_id')
            .where('m.community_id', '=', communityId)
            .$if(filter.roles !== null, (q) => q.where('m.role', 'in', [...filter.roles!]))
        : undefined;
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys, request, countQuery });
    return mapPage(page, ({ display_name, ...row }) => ({ ...this.toMembership(row), displayName: display_name }));
  }

  async setRole(communityId: string, accountId: string, role: Role): Promise<void> {
    await this.db
      .updateTable('memberships')
      .set({ role })
      .where('community_id', '=', communityId)
      .where('account_id', '=', accountId)
      .execute();
  }

  async remove(communityId: string, accountId: string): Promise<void> {
    await this.db.deleteFrom('memberships').where('community_id', '=', communityId).where('account_id', '=', accountId).execute();
  }

  async countByRole(communityId: string, role: Role): Promise<number> {
    const row = await this.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('community_id', '=', communityId)
      .where('role', '=', role)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async lockOwners(communityId: string): Promise<number> {
    const rows = await this.db
      .selectFrom('memberships')
      .select('account_id')
      .where('community_id', '=', communityId)
      .where('role', '=', 'owner')
      .$if(this.caps.rowLocks, (query) => query.forUpdate())
      .execute();
    return rows.length;
  }

  async listForAccount(accountId: string): Promise<Membership[]> {
    const rows = await this.db.selectFrom('memberships').selectAll().where('account_id', '=', accountId).orderBy('joined_at').execute();
    return rows.map((row) => this.toMembership(row));
  }

  async listStaff(communityId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('community_id', '=', communityId)
      .where('role', '!=', 'member')
      .orderBy('joined_at')
      .orderBy('account_id')
      .execute();
    return rows.map((row) => this.toMembership(row));
  }

  async accountIds(communityId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('memberships').select('account_id').where('community_id', '=', communityId).execute();
    return rows.map((row) => row.account_id);
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { MembershipRepository } from '@quorum/domain/communities/community.port';
import type { MemberListEntry, Membership, Role } from '@quorum/domain/communities/membership';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, MembershipsTable } from '../schema/database.js';
import { withUniqueAs } from './unique-violation.js';

const alreadyMember = { table: 'memberships', columns: ['community_id', 'account_id'], code: 'ALREADY_MEMBER' } as const;

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
    const row = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('community_id', '=', communityId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? this.toMembership(row) : null;
  }

  async list(communityId: string): Promise<MemberListEntry[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .selectAll('m')
      .select('a.display_name')
      .where('m.community_id', '=', communityId)
      .orderBy('m.joined_at')
      .orderBy('a.display_name')
      .execute();
    return rows.map(({ display_name, ...row }) => ({ ...this.toMembership(row), displayName: display_name }));
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
}

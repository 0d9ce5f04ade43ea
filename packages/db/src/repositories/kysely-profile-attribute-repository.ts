import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AttributeOption,
  AttributeType,
  AttributeValue,
  LocalizedLabel,
  ProfileAttribute,
  ProfileValue,
} from '@quorum/domain/communities/profile-attribute';
import type {
  AudienceCounts,
  AudienceQuery,
  ProfileAttributeRepository,
  ProfileValueRepository,
} from '@quorum/domain/communities/profile-attribute.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, ProfileAttributesTable, ProfileValuesTable } from '../schema/database.js';
import { withUniqueAs } from './unique-violation.js';

const keyTaken = { table: 'profile_attributes', columns: ['community_id', 'key'], code: 'CONFLICT' } as const;

export class KyselyProfileAttributeRepository implements ProfileAttributeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toAttribute(row: Selectable<ProfileAttributesTable>): ProfileAttribute {
    return {
      id: row.id,
      communityId: row.community_id,
      key: row.key,
      type: row.type as AttributeType,
      label: this.caps.fromJson(row.label) as LocalizedLabel,
      options: this.caps.fromJson(row.options) as AttributeOption[],
      required: this.caps.fromFlag(row.required),
      position: row.position,
      createdAt: this.caps.fromTimestamp(row.created_at),
    };
  }

  async create(attribute: ProfileAttribute): Promise<void> {
    await withUniqueAs(this.caps, keyTaken, () =>
      this.db
        .insertInto('profile_attributes')
        .values({
          id: attribute.id,
          community_id: attribute.communityId,
          key: attribute.key,
          type: attribute.type,
          label: this.caps.toJson(attribute.label),
          options: this.caps.toJson(attribute.options),
          required: this.caps.toFlag(attribute.required),
          position: attribute.position,
          created_at: this.caps.toTimestamp(attribute.createdAt),
        })
        .execute(),
    );
  }

  /** Everything but the community and the creation time, which never change. */
  async update(attribute: ProfileAttribute): Promise<void> {
    await withUniqueAs(this.caps, keyTaken, () =>
      this.db
        .updateTable('profile_attributes')
        .set({
          key: attribute.key,
          type: attribute.type,
          label: this.caps.toJson(attribute.label),
          options: this.caps.toJson(attribute.options),
          required: this.caps.toFlag(attribute.required),
          position: attribute.position,
        })
        .where('id', '=', attribute.id)
        .execute(),
    );
  }

  /** The members' answers go with it (foreign key cascade). */
  async delete(id: Id): Promise<void> {
    await this.db.deleteFrom('profile_attributes').where('id', '=', id).execute();
  }

  async findById(id: Id): Promise<ProfileAttribute | null> {
    const row = await this.db.selectFrom('profile_attributes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toAttribute(row) : null;
  }

  async list(communityId: Id): Promise<ProfileAttribute[]> {
    const rows = await this.db
      .selectFrom('profile_attributes')
      .selectAll()
      .where('community_id', '=', communityId)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.toAttribute(row));
  }
}

export class KyselyProfileValueRepository implements ProfileValueRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toValue(row: Selectable<ProfileValuesTable>): ProfileValue {
    return {
      communityId: row.community_id,
      accountId: row.account_id,
      attributeId: row.attribute_id,
      value: this.caps.fromJson(row.value) as AttributeValue,
      updatedAt: this.caps.fromTimestamp(row.updated_at),
    };
  }

  /** Needs a membership and an attribute of the same community (foreign keys). */
  async upsert(value: ProfileValue): Promise<void> {
    const stored = { value: this.caps.toJson(value.value), updated_at: this.caps.toTimestamp(value.updatedAt) };
    await this.db
      .insertInto('profile_values')
      .values({ community_id: value.communityId, account_id: value.accountId, attribute_id: value.attributeId, ...stored })
      .onConflict((conflict) => conflict.columns(['community_id', 'account_id', 'attribute_id']).doUpdateSet(stored))
      .execute();
  }

  async delete(communityId: Id, accountId: Id, attributeId: Id): Promise<void> {
    await this.db
      .deleteFrom('profile_values')
      .where('community_id', '=', communityId)
      .where('account_id', '=', accountId)
      .where('attribute_id', '=', attributeId)
      .execute();
  }

  /** In the order of the community's attributes. */
  async list(communityId: Id, accountId: Id): Promise<ProfileValue[]> {
    const rows = await this.db
      .selectFrom('profile_values as v')
      .innerJoin('profile_attributes as a', 'a.id', 'v.attribute_id')
      .selectAll('v')
      .where('v.community_id', '=', communityId)
      .where('v.account_id', '=', accountId)
      .orderBy('a.position')
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    return rows.map((row) => this.toValue(row));
  }

  async countAudience(query: AudienceQuery): Promise<AudienceCounts> {
    const { consent } = query;
    // The member's current decision on the purpose (consent_current: the ledger's last event).
    const consented =
      consent === null
        ? sql<number>`1`
        : sql<number>`case when exists (
            select 1 from consent_current as c
            where c.account_id = m.account_id and c.purpose_id = ${consent.purposeId}
              and coalesce(c.community_id, '') = ${consent.communityId ?? ''}
              and c.status = 'granted' and c.policy_version = ${consent.version}) then 1 else 0 end`;
    const matches = query.filters.map(
      (filter) => sql`exists (
        select 1 from profile_values as v
        where v.community_id = ${query.communityId} and v.account_id = audience.account_id and v.attribute_id = ${filter.attributeId}
          and ${this.caps.jsonHasAnyOf(sql.ref('v.value'), filter.anyOf)})`,
    );
    const everyFilter = matches.length > 0 ? sql.join(matches, sql` and `) : sql`1 = 1`;
    const audience = this.db
      .selectFrom('memberships as m')
      .select(['m.account_id', consented.as('consented')])
      .where('m.community_id', '=', query.communityId)
      .as('audience');
    const row = await this.db
      .selectFrom(audience)
      .select([
        sql<number | string>`count(*)`.as('members'),
        sql<number | string>`coalesce(sum(audience.consented), 0)`.as('consented'),
        // Only consented members' answers are matched.
        sql<number | string>`coalesce(sum(case when audience.consented = 1 and ${everyFilter} then 1 else 0 end), 0)`.as('matching'),
      ])
      .executeTakeFirstOrThrow();
    return { members: Number(row.members), consented: Number(row.consented), matching: Number(row.matching) };
  }
}

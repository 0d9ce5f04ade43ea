import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { PurposeRepository } from '@quorum/domain/consent/consent.port';
import type { DataCategory, LegalBasis, LocalizedPurposeText, Purpose } from '@quorum/domain/consent/purpose-register';
import type { Id } from '@quorum/domain/shared/ids';
import type { Locale } from '@quorum/domain/shared/locale';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { CommunityPurposesTable, Database } from '../schema/database.js';
import { withUniqueAs } from './unique-violation.js';

const purposeTaken = { table: 'community_purposes', columns: ['community_id', 'purpose_id'], code: 'CONFLICT' } as const;

/** The purposes communities add to the core register (the core ones live in the domain). */
export class KyselyPurposeRepository implements PurposeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toPurpose(row: Selectable<CommunityPurposesTable>): Purpose {
    return {
      id: row.purpose_id,
      communityId: row.community_id,
      legalBasis: row.legal_basis as LegalBasis,
      dataCategories: this.caps.fromJson(row.data_categories) as DataCategory[],
      retention: row.retention_days === null ? { kind: 'account_lifetime' } : { kind: 'days', days: row.retention_days },
      recipients: this.caps.fromJson(row.recipients) as Record<Locale, string[]>,
      texts: this.caps.fromJson(row.texts) as Record<Locale, LocalizedPurposeText>,
    };
  }

  async listForCommunity(communityId: Id): Promise<Purpose[]> {
    const rows = await this.db
      .selectFrom('community_purposes')
      .selectAll()
      .where('community_id', '=', communityId)
      .orderBy('created_at')
      .orderBy('purpose_id')
      .execute();
    return rows.map((row) => this.toPurpose(row));
  }

  async add(purpose: Purpose, createdAt: Date): Promise<void> {
    if (purpose.communityId === null) throw new Error('Only community purposes are stored; core purposes live in the domain.');
    await withUniqueAs(this.caps, purposeTaken, () =>
      this.db
        .insertInto('community_purposes')
        .values({
          // The row's own id is never handed out: the purpose is known by (community, purpose id).
          id: randomUUID(),
          community_id: purpose.communityId as Id,
          purpose_id: purpose.id,
          legal_basis: purpose.legalBasis,
          data_categories: this.caps.toJson(purpose.dataCategories),
          retention_days: purpose.retention.kind === 'days' ? purpose.retention.days : null,
          recipients: this.caps.toJson(purpose.recipients),
          texts: this.caps.toJson(purpose.texts),
          created_at: this.caps.toTimestamp(createdAt),
        })
        .execute(),
    );
  }
}

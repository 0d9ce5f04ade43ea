import { sql, type Kysely, type Selectable } from 'kysely';
import type { PolicyTextRepository } from '@quorum/domain/consent/consent.port';
import type { PolicyDocument, PolicyText } from '@quorum/domain/consent/policy-text';
import type { Id } from '@quorum/domain/shared/ids';
import type { Locale } from '@quorum/domain/shared/locale';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, PolicyTextsTable } from '../schema/database.js';
import { withUniqueAs } from './unique-violation.js';

const versionTaken = { index: 'policy_texts_version_idx', code: 'CONFLICT' } as const;

export class KyselyPolicyTextRepository implements PolicyTextRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toPolicyText(row: Selectable<PolicyTextsTable>): PolicyText {
    return {
      id: row.id,
      communityId: row.community_id,
      document: row.document as PolicyDocument,
      version: row.version,
      locale: row.locale as Locale,
      body: row.body,
      bodyHash: row.body_hash,
      publishedAt: this.caps.fromTimestamp(row.published_at),
      publishedBy: row.published_by,
    };
  }

  /** One scope's texts of a document; matches the unique index's coalesce so it is used. */
  private scoped(communityId: Id | null, document: PolicyDocument) {
    return this.db
      .selectFrom('policy_texts')
      .where(sql<string>`coalesce(community_id, '')`, '=', communityId ?? '')
      .where('document', '=', document);
  }

  async publish(texts: PolicyText[]): Promise<void> {
    if (texts.length === 0) return;
    // Two admins publishing at once both pick the next version: one of them gets CONFLICT.
    await withUniqueAs(this.caps, versionTaken, () =>
      this.db
        .insertInto('policy_texts')
        .values(
          texts.map((text) => ({
            id: text.id,
            community_id: text.communityId,
            document: text.document,
            version: text.version,
            locale: text.locale,
            body: text.body,
            body_hash: text.bodyHash,
            published_at: this.caps.toTimestamp(text.publishedAt),
            published_by: text.publishedBy,
          })),
        )
        .execute(),
    );
  }

  async findCurrent(communityId: Id | null, document: PolicyDocument, locale: Locale): Promise<PolicyText | null> {
    const row = await this.scoped(communityId, document)
      .selectAll()
      .where('locale', '=', locale)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? this.toPolicyText(row) : null;
  }

  async findVersion(communityId: Id | null, document: PolicyDocument, version: number, locale: Locale): Promise<PolicyText | null> {
    const row = await this.scoped(communityId, document)
      .selectAll()
      .where('version', '=', version)
      .where('locale', '=', locale)
      .executeTakeFirst();
    return row ? this.toPolicyText(row) : null;
  }

  async findById(id: Id): Promise<PolicyText | null> {
    const row = await this.db.selectFrom('policy_texts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toPolicyText(row) : null;
  }

  async listVersions(communityId: Id | null, document: PolicyDocument): Promise<PolicyText[]> {
    const rows = await this.scoped(communityId, document).selectAll().orderBy('version', 'desc').orderBy('locale').execute();
    return rows.map((row) => this.toPolicyText(row));
  }

  async latestVersion(communityId: Id | null, document: PolicyDocument): Promise<number> {
    const row = await this.scoped(communityId, document)
      .select((eb) => eb.fn.max('version').as('latest'))
      .executeTakeFirst();
    return Number(row?.latest ?? 0);
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntry } from '@quorum/domain/privacy/audit';
import type { AuditLogRepository } from '@quorum/domain/privacy/privacy.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { AuditLogTable, Database } from '../schema/database.js';

/** Newest first everywhere: people read a log from the latest entry. */
export class KyselyAuditLogRepository implements AuditLogRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toEntry(row: Selectable<AuditLogTable>): AuditEntry {
    return {
      id: row.id,
      actorId: row.actor_id,
      subjectId: row.subject_id,
      communityId: row.community_id,
      action: row.action as AuditAction,
      reason: row.reason,
      occurredAt: this.caps.fromTimestamp(row.occurred_at),
    };
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: entry.id,
        actor_id: entry.actorId,
        subject_id: entry.subjectId,
        community_id: entry.communityId,
        action: entry.action,
        reason: entry.reason,
        occurred_at: this.caps.toTimestamp(entry.occurredAt),
      })
      .execute();
  }

  async listForSubject(subjectId: Id): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => this.toEntry(row));
  }

  async list(filter: { communityId: Id | null }): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .$if(filter.communityId !== null, (query) => query.where('community_id', '=', filter.communityId))
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => this.toEntry(row));
  }
}

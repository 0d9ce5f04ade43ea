import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntry } from '@quorum/domain/privacy/audit';
import type { AuditListEntry, AuditLogFilter, AuditLogRepository } from '@quorum/domain/privacy/privacy.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { AuditLogTable, Database } from '../schema/database.js';
import { containsText } from './contains-text.js';
import { inTransaction } from './in-transaction.js';
import { keysetPage, mapPage, type KeyColumn } from './keyset-page.js';

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

  /**
   * Names only living accounts or erased members' tombstones. On PostgreSQL the named accounts
   * are held (key share) until commit: an erasure running meanwhile finishes first (the entry
   * then fails), or waits and pseudonymizes the entry too — none keeps an erased member's id.
   */
  async append(entry: AuditEntry): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const named = [...new Set([entry.actorId, entry.subjectId])].filter((id) => id !== null);
      if (named.length > 0) {
        const living = await trx
          .selectFrom('accounts')
          .select('id')
          .where('id', 'in', named)
          .$if(this.caps.rowLocks, (query) => query.forKeyShare())
          .execute();
        const gone = named.filter((id) => !living.some((row) => row.id === id));
        const tombstones =
          gone.length === 0
            ? []
            : await trx
                .selectFrom('erasure_tombstones')
                .select('tombstone_id')
                .where('tombstone_id', 'in', gone)
                .execute();
        if (tombstones.length < gone.length)
          throw new DomainError('NOT_FOUND', 'The account no longer exists.');
      }
      await trx
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
    });
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

  async listPage(filter: AuditLogFilter, request: PageRequest): Promise<KeysetPage<AuditListEntry>> {
    const query = this.db
      .selectFrom('audit_log as l')
      .leftJoin('accounts as actor', 'actor.id', 'l.actor_id')
      .leftJoin('accounts as subject', 'subject.id', 'l.subject_id')
      .selectAll('l')
      .select(['actor.display_name as actor_name', 'subject.display_name as subject_name'])
      .$if(filter.communityId !== null, (q) => q.where('l.community_id', '=', filter.communityId))
      .$if(filter.actions !== null, (q) => q.where('l.action', 'in', [...filter.actions!]))
      .$if(filter.member !== null, (q) =>
        q.where((eb) =>
          eb.or([containsText(this.caps, 'actor.display_name', filter.member!), containsText(this.caps, 'subject.display_name', filter.member!)]),
        ),
      );
    type Row = Awaited<ReturnType<typeof query.execute>>[number];
    const keys: KeyColumn<Row>[] = [
      { ref: 'l.occurred_at', order: 'desc', kind: 'timestamp', of: (row) => this.caps.fromTimestamp(row.occurred_at).toISOString() },
      { ref: 'l.id', order: 'desc', kind: 'text', of: (row) => row.id },
    ];
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys, request });
    return mapPage(page, ({ actor_name, subject_name, ...row }) => ({ ...this.toEntry(row), actorName: actor_name, subjectName: subject_name }));
  }
}

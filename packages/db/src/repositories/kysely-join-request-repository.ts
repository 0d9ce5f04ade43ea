import type { Kysely, Selectable } from 'kysely';
import type { JoinRequestRepository } from '@quorum/domain/communities/community.port';
import type {
  JoinRequest,
  JoinRequestListEntry,
  JoinRequestStatus,
} from '@quorum/domain/communities/membership';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, JoinRequestsTable } from '../schema/database.js';
import { keysetPage, mapPage, type KeyColumn } from './keyset-page.js';
import { withUniqueAs } from './unique-violation.js';

const onePending = {
  table: 'join_requests',
  columns: ['community_id', 'account_id'],
  code: 'JOIN_REQUEST_PENDING',
} as const;

export class KyselyJoinRequestRepository implements JoinRequestRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toJoinRequest(row: Selectable<JoinRequestsTable>): JoinRequest {
    return {
      id: row.id,
      communityId: row.community_id,
      accountId: row.account_id,
      message: row.message,
      status: row.status as JoinRequestStatus,
      createdAt: this.caps.fromTimestamp(row.created_at),
      decidedAt: row.decided_at === null ? null : this.caps.fromTimestamp(row.decided_at),
      decidedBy: row.decided_by,
    };
  }

  async create(request: JoinRequest): Promise<void> {
    await withUniqueAs(this.caps, onePending, () =>
      this.db
        .insertInto('join_requests')
        .values({
          id: request.id,
          community_id: request.communityId,
          account_id: request.accountId,
          message: request.message,
          status: request.status,
          created_at: this.caps.toTimestamp(request.createdAt),
          decided_at: request.decidedAt && this.caps.toTimestamp(request.decidedAt),
          decided_by: request.decidedBy,
        })
        .execute(),
    );
  }

  async findById(id: string): Promise<JoinRequest | null> {
    const row = await this.db
      .selectFrom('join_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.toJoinRequest(row) : null;
  }

  async findPending(communityId: string, accountId: string): Promise<JoinRequest | null> {
    const row = await this.db
      .selectFrom('join_requests')
      .selectAll()
      .where('community_id', '=', communityId)
      .where('account_id', '=', accountId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row ? this.toJoinRequest(row) : null;
  }

  /** Oldest first: the queue is worked from the front. */
  async listPending(communityId: string, request: PageRequest): Promise<KeysetPage<JoinRequestListEntry>> {
    const query = this.db
      .selectFrom('join_requests as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .selectAll('r')
      .select('a.display_name')
      .where('r.community_id', '=', communityId)
      .where('r.status', '=', 'pending');
    type Row = Awaited<ReturnType<typeof query.execute>>[number];
    const keys: KeyColumn<Row>[] = [
      { ref: 'r.created_at', order: 'asc', kind: 'timestamp', of: (row) => this.caps.fromTimestamp(row.created_at).toISOString() },
      { ref: 'r.id', order: 'asc', kind: 'text', of: (row) => row.id },
    ];
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys, request });
    return mapPage(page, ({ display_name, ...row }) => ({ ...this.toJoinRequest(row), displayName: display_name }));
  }

  async decide(
    id: string,
    decision: { status: 'approved' | 'rejected'; decidedAt: Date; decidedBy: string },
  ): Promise<boolean> {
    // The status condition is re-checked under the row lock: a concurrent decision that
    // committed first makes this one match nothing.
    const result = await this.db
      .updateTable('join_requests')
      .set({
        status: decision.status,
        decided_at: this.caps.toTimestamp(decision.decidedAt),
        decided_by: decision.decidedBy,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

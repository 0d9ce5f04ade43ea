import type { Kysely, Selectable } from 'kysely';
import type { Account } from '@quorum/domain/accounts/account';
import type { Session, SessionRepository } from '@quorum/domain/accounts/account.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, SessionsTable } from '../schema/database.js';
import { CompiledQueries } from './compiled-queries.js';
import { accountColumns, toAccount } from './kysely-account-repository.js';

/** Every signed-in request reads its session: compiled once per dialect (compiled-queries.ts, decision 016). */
const sessionQueries = new CompiledQueries();

export class KyselySessionRepository implements SessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toSession(row: Selectable<SessionsTable>): Session {
    return {
      id: row.id,
      accountId: row.account_id,
      tokenHash: row.token_hash,
      createdAt: this.caps.fromTimestamp(row.created_at),
      lastSeenAt: this.caps.fromTimestamp(row.last_seen_at),
    };
  }

  async create(session: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        account_id: session.accountId,
        token_hash: session.tokenHash,
        created_at: this.caps.toTimestamp(session.createdAt),
        last_seen_at: this.caps.toTimestamp(session.lastSeenAt),
      })
      .execute();
  }

  async findByTokenHash(tokenHash: string): Promise<Session | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? this.toSession(row) : null;
  }

  async findWithAccount(tokenHash: string): Promise<{ session: Session; account: Account } | null> {
    const [row] = await sessionQueries.run(
      this.db as Kysely<never>,
      `${this.caps.name}:session-with-account`,
      (param) =>
        this.db
          .selectFrom('sessions as s')
          .innerJoin('accounts as a', 'a.id', 's.account_id')
          .select(['s.id as session_id', 's.token_hash', 's.created_at as session_created_at', 's.last_seen_at'])
          .select(accountColumns.map((column) => `a.${column}` as const))
          .where('s.token_hash', '=', param<string>('tokenHash')),
      { tokenHash },
    );
    if (!row) return null;
    const session: Session = {
      id: row.session_id,
      accountId: row.id,
      tokenHash: row.token_hash,
      createdAt: this.caps.fromTimestamp(row.session_created_at),
      lastSeenAt: this.caps.fromTimestamp(row.last_seen_at),
    };
    return { session, account: toAccount(row, this.caps) };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: this.caps.toTimestamp(at) }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForAccount(accountId: string, keepSessionId?: string): Promise<number> {
    let query = this.db.deleteFrom('sessions').where('account_id', '=', accountId);
    if (keepSessionId !== undefined) query = query.where('id', '!=', keepSessionId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(idleBefore: Date, createdBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('last_seen_at', '<', this.caps.toTimestamp(idleBefore)),
          eb('created_at', '<', this.caps.toTimestamp(createdBefore)),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { OneTimeToken, OneTimeTokenRepository } from '@quorum/domain/accounts/account.port';
import type { OneTimeTokenPurpose } from '@quorum/domain/accounts/session-policy';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, OneTimeTokensTable } from '../schema/database.js';

export class KyselyOneTimeTokenRepository implements OneTimeTokenRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toToken(row: Selectable<OneTimeTokensTable>): OneTimeToken {
    return {
      tokenHash: row.token_hash,
      purpose: row.purpose as OneTimeTokenPurpose,
      accountId: row.account_id,
      payload: row.payload,
      expiresAt: this.caps.fromTimestamp(row.expires_at),
      createdAt: this.caps.fromTimestamp(row.created_at),
    };
  }

  async create(token: OneTimeToken): Promise<void> {
    await this.db
      .insertInto('one_time_tokens')
      .values({
        token_hash: token.tokenHash,
        purpose: token.purpose,
        account_id: token.accountId,
        payload: token.payload,
        expires_at: this.caps.toTimestamp(token.expiresAt),
        created_at: this.caps.toTimestamp(token.createdAt),
      })
      .execute();
  }

  async consume(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null> {
    // One DELETE … RETURNING: of two concurrent consumers only one gets the row.
    const row = await this.db
      .deleteFrom('one_time_tokens')
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .returningAll()
      .executeTakeFirst();
    return row ? this.toToken(row) : null;
  }

  async find(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null> {
    const row = await this.db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    return row ? this.toToken(row) : null;
  }

  async findValid(purpose: OneTimeTokenPurpose, now: Date): Promise<OneTimeToken[]> {
    const rows = await this.db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('purpose', '=', purpose)
      .where('expires_at', '>', this.caps.toTimestamp(now))
      .orderBy('created_at')
      .execute();
    return rows.map((row) => this.toToken(row));
  }

  async deleteForAccount(accountId: string, purpose: OneTimeTokenPurpose): Promise<void> {
    await this.db.deleteFrom('one_time_tokens').where('account_id', '=', accountId).where('purpose', '=', purpose).execute();
  }

  async deleteAll(purpose: OneTimeTokenPurpose): Promise<number> {
    const result = await this.db.deleteFrom('one_time_tokens').where('purpose', '=', purpose).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('one_time_tokens')
      .where('expires_at', '<=', this.caps.toTimestamp(now))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

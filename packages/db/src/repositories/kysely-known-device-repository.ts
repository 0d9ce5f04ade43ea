import type { Kysely, Selectable } from 'kysely';
import type { KnownDevice, KnownDeviceRepository } from '@quorum/domain/accounts/account.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, KnownDevicesTable } from '../schema/database.js';

export class KyselyKnownDeviceRepository implements KnownDeviceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toDevice(row: Selectable<KnownDevicesTable>): KnownDevice {
    return {
      tokenHash: row.token_hash,
      accountId: row.account_id,
      createdAt: this.caps.fromTimestamp(row.created_at),
      lastUsedAt: this.caps.fromTimestamp(row.last_used_at),
    };
  }

  async remember(tokenHash: string, accountId: string, at: Date): Promise<void> {
    const when = this.caps.toTimestamp(at);
    // One statement: two sign-ins of the same browser at once cannot collide on the key.
    await this.db
      .insertInto('known_devices')
      .values({ token_hash: tokenHash, account_id: accountId, created_at: when, last_used_at: when })
      .onConflict((conflict) => conflict.columns(['token_hash', 'account_id']).doUpdateSet({ last_used_at: when }))
      .execute();
  }

  async find(tokenHash: string, accountId: string): Promise<KnownDevice | null> {
    const row = await this.db
      .selectFrom('known_devices')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? this.toDevice(row) : null;
  }

  async forgetForAccount(accountId: string, keepTokenHash?: string): Promise<number> {
    let query = this.db.deleteFrom('known_devices').where('account_id', '=', accountId);
    if (keepTokenHash !== undefined) query = query.where('token_hash', '<>', keepTokenHash);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

import type { Kysely } from 'kysely';
import { defaultInstanceSettings, type InstanceSettings, type InstanceSettingsRepository } from '@quorum/domain/shared/instance-settings';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database } from '../schema/database.js';
import { inTransaction } from './in-transaction.js';

type SettingKey = keyof InstanceSettings;
const settingKeys = Object.keys(defaultInstanceSettings) as SettingKey[];

/** One row per setting (key → JSON value); a setting never saved reads as its default. */
export class KyselyInstanceSettingsRepository implements InstanceSettingsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  async get(): Promise<InstanceSettings> {
    const rows = await this.db.selectFrom('instance_settings').select(['key', 'value']).where('key', 'in', settingKeys).execute();
    const saved = Object.fromEntries(rows.map((row) => [row.key, this.caps.fromJson(row.value)]));
    return { ...defaultInstanceSettings, ...saved } as InstanceSettings;
  }

  async save(settings: Partial<InstanceSettings>): Promise<void> {
    // The adapter's own bookkeeping time, not a domain fact.
    const updatedAt = this.caps.toTimestamp(new Date());
    await inTransaction(this.db, async (trx) => {
      for (const key of settingKeys) {
        if (settings[key] === undefined) continue;
        const row = { value: this.caps.toJson(settings[key]), updated_at: updatedAt };
        await trx
          .insertInto('instance_settings')
          .values({ key, ...row })
          .onConflict((conflict) => conflict.column('key').doUpdateSet(row))
          .execute();
      }
    });
  }
}

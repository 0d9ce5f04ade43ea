import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultInstanceSettings } from '@quorum/domain/shared/instance-settings';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';

describe.each(testDialects)('KyselyInstanceSettingsRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('reads the defaults before anything is saved, then what was saved, and saves again', async () => {
    expect(await db.repositories.settings.get()).toEqual(defaultInstanceSettings);
    const saved = {
      minimumAge: 18,
      imprintUrl: 'https://example.org/impressum',
      privacyContact: 'mailto:privacy@example.org',
      legalTextsReviewed: false,
    };
    await db.repositories.settings.save(saved);
    expect(await db.repositories.settings.get()).toEqual(saved);
    const cleared = { ...saved, imprintUrl: null };
    await db.repositories.settings.save(cleared);
    expect(await db.repositories.settings.get()).toEqual(cleared);
    expect(await db.kysely.selectFrom('instance_settings').select('key').orderBy('key').execute()).toEqual([
      { key: 'imprintUrl' },
      { key: 'legalTextsReviewed' },
      { key: 'minimumAge' },
      { key: 'privacyContact' },
    ]);
  });

  it('saves only the settings given, the others keep their value', async () => {
    const before = await db.repositories.settings.get();
    await db.repositories.settings.save({ legalTextsReviewed: true });
    expect(await db.repositories.settings.get()).toEqual({ ...before, legalTextsReviewed: true });
  });

  it('fills a setting missing from the table with its default and ignores unknown keys', async () => {
    await db.kysely.deleteFrom('instance_settings').where('key', '=', 'minimumAge').execute();
    await db.kysely.insertInto('instance_settings').values({ key: 'retired', value: '"x"', updated_at: new Date().toISOString() }).execute();
    expect((await db.repositories.settings.get()).minimumAge).toBe(defaultInstanceSettings.minimumAge);
    expect(await db.repositories.settings.get()).not.toHaveProperty('retired');
  });
});

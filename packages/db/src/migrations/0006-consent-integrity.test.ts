import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, type QuorumDatabase } from '../connect.js';
import { createTestDatabase } from '../testing/start-test-postgres.js';
import { aConsentEvent, anAccount, aPolicyText, at, T0 } from '../testing/fixtures.js';
import { postgresMigrations } from './postgres/index.js';
import { sqliteMigrations } from './sqlite/index.js';

const sqliteDir = mkdtempSync(join(tmpdir(), 'quorum-0006-'));
process.once('exit', () => rmSync(sqliteDir, { recursive: true, force: true }));

const dialects: { name: string; url: () => Promise<string>; migrations: Record<string, Migration> }[] = [
  { name: 'sqlite', url: () => Promise.resolve(`sqlite:${join(sqliteDir, 'old.db')}`), migrations: sqliteMigrations },
  { name: 'postgres', url: createTestDatabase, migrations: postgresMigrations },
];

/** A database as it was before 0006, holding a ledger written by the wall clock. */
describe.each(dialects)('migration 0006 on a $name database with a ledger', ({ url, migrations }) => {
  let db: QuorumDatabase | undefined;
  afterEach(() => db?.close());

  it('keeps the old order as the sequence, fills the current-consent table, and appends after it', async () => {
    db = await connectDatabase({ url: await url() });
    const provider = { getMigrations: () => Promise.resolve(migrations) };
    expect((await new Migrator({ db: db.kysely, provider }).migrateTo('0003-one-pending-request')).error).toBeUndefined();

    const member = anAccount();
    const text = aPolicyText({ document: 'consent:research_surveys' });
    const ts = (date: Date) => (db!.dialect === 'sqlite' ? date.toISOString() : date);
    await db.kysely
      .insertInto('accounts')
      .values({ id: member.id, email: member.email, display_name: member.displayName, locale: 'en', is_instance_admin: db.dialect === 'sqlite' ? 0 : false, password_hash: 'x', created_at: ts(T0) })
      .execute();
    await db.kysely
      .insertInto('policy_texts')
      .values({ id: text.id, community_id: null, document: text.document, version: 1, locale: 'de', body: text.body, body_hash: text.bodyHash, published_at: ts(T0), published_by: null })
      .execute();
    // Inserted out of time order: the old ledger's order was its time, then its id.
    const grant = aConsentEvent(member.id, text, { id: '00000000-0000-4000-8000-000000000002', occurredAt: at(1) });
    const withdraw = aConsentEvent(member.id, text, { id: '00000000-0000-4000-8000-000000000001', action: 'withdraw', occurredAt: at(2) });
    const regrant = aConsentEvent(member.id, text, { id: '00000000-0000-4000-8000-000000000003', occurredAt: at(2) });
    for (const event of [regrant, withdraw, grant]) {
      const { accountId, communityId, purposeId, policyTextId, policyVersion, textHash, occurredAt, requestId, ...rest } = event;
      await db.kysely
        .insertInto('consent_events')
        .values({ ...rest, account_id: accountId, community_id: communityId, purpose_id: purposeId, policy_text_id: policyTextId, policy_version: policyVersion, text_hash: textHash, occurred_at: ts(occurredAt), request_id: requestId })
        .execute();
    }

    await db.migrate();
    expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([grant, withdraw, regrant]);
    expect(await db.repositories.consentLedger.currentForAccount(member.id)).toEqual([
      { communityId: null, purposeId: 'research_surveys', status: 'granted', version: 1, textHash: text.bodyHash, decidedAt: at(2), channel: 'privacy_center' },
    ]);
    // A new event, stamped earlier than all of them, still comes last.
    const late = aConsentEvent(member.id, text, { action: 'withdraw', occurredAt: T0 });
    await db.repositories.consentLedger.append(late);
    expect(await db.repositories.consentLedger.listForAccount(member.id)).toEqual([grant, withdraw, regrant, late]);
    expect((await db.repositories.consentLedger.currentForAccount(member.id))[0]?.status).toBe('withdrawn');
  });
});

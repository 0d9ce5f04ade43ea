import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type QuorumDatabase } from '../connect.js';
import { testDialects, type TestDialect } from '../testing/dialects.js';
import { readCatalog } from '../testing/schema-catalog.js';
import { sqliteMigrations } from './sqlite/index.js';

/**
 * Upgrades from a database built at every earlier version, with data in it, to the newest:
 * the schema ends up as a new database's, and the data is still there and readable.
 */

const ids = {
  alice: '01900000-0000-7000-8000-00000000a11c',
  bob: '01900000-0000-7000-8000-000000000b0b',
  community: '01900000-0000-7000-8000-0000000c0001',
  request: '01900000-0000-7000-8000-0000000e0001',
  olderRequest: '01900000-0000-7000-8000-0000000e0000',
  terms: '01900000-0000-7000-8000-0000000f0001',
  attribute: '01900000-0000-7000-8000-0000000a0001',
  exportJob: '01900000-0000-7000-8000-0000000b0001',
  pendingExport: '01900000-0000-7000-8000-0000000d0002',
  olderPendingExport: '01900000-0000-7000-8000-0000000d0001',
  readyExport: '01900000-0000-7000-8000-0000000d0003',
};
const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 10, minute)).toISOString();

/** Rows as each version's schema takes them (raw SQL values: the code of that day is gone). */
function seeds(dialect: TestDialect['name']): Record<string, (db: Kysely<any>) => Promise<void>> {
  const flag = (value: boolean) => (dialect === 'sqlite' ? Number(value) : value);
  return {
    '0001-initial': async (db) => {
      await db
        .insertInto('accounts')
        .values([
          {
            id: ids.alice,
            email: 'alice@example.org',
            email_verified_at: at(1),
            display_name: 'Alice',
            locale: 'de',
            is_instance_admin: flag(true),
            password_hash: 'h',
            created_at: at(0),
          },
          {
            id: ids.bob,
            email: 'bob@example.org',
            email_verified_at: null,
            display_name: 'Bob',
            locale: 'en',
            is_instance_admin: flag(false),
            password_hash: 'h',
            created_at: at(0),
          },
        ])
        .execute();
      await db
        .insertInto('sessions')
        .values({
          id: ids.alice.replace('a11c', '5e55'),
          account_id: ids.alice,
          token_hash: 'session-hash',
          created_at: at(2),
          last_seen_at: at(3),
        })
        .execute();
      await db
        .insertInto('communities')
        .values({
          id: ids.community,
          slug: 'club',
          name: 'Club',
          description: 'Ein Club',
          visibility: 'private',
          default_locale: 'de',
          created_at: at(1),
        })
        .execute();
      await db
        .insertInto('memberships')
        .values({
          community_id: ids.community,
          account_id: ids.alice,
          role: 'owner',
          joined_at: at(1),
        })
        .execute();
      await db
        .insertInto('invitations')
        .values({
          id: ids.community.replace('c0001', 'c0009'),
          community_id: ids.community,
          token_hash: 'invite-hash',
          role: 'member',
          note: 'für Bob',
          created_by: ids.alice,
          created_at: at(2),
          expires_at: at(50),
          max_uses: 1,
          uses: 0,
          revoked_at: null,
        })
        .execute();
    },
    '0002-consent-and-privacy': async (db) => {
      await db
        .insertInto('policy_texts')
        .values({
          id: ids.terms,
          community_id: null,
          document: 'terms',
          version: 1,
          locale: 'de',
          body: 'Regeln',
          body_hash: 'a'.repeat(64),
          published_at: at(0),
          published_by: null,
        })
        .execute();
      await db
        .insertInto('consent_events')
        .values({
          id: ids.terms.replace('f0001', 'f0002'),
          account_id: ids.bob,
          community_id: null,
          purpose_id: 'community_participation',
          policy_text_id: ids.terms,
          policy_version: 1,
          text_hash: 'a'.repeat(64),
          locale: 'de',
          action: 'grant',
          channel: 'sign_up',
          occurred_at: at(4),
          request_id: 'r1',
        })
        .execute();
      await db
        .insertInto('profile_attributes')
        .values({
          id: ids.attribute,
          community_id: ids.community,
          key: 'region',
          type: 'text',
          label: JSON.stringify({ de: 'Region', en: 'Region' }),
          options: '[]',
          required: flag(false),
          position: 0,
          created_at: at(1),
        })
        .execute();
      await db
        .insertInto('profile_values')
        .values({
          community_id: ids.community,
          account_id: ids.alice,
          attribute_id: ids.attribute,
          value: JSON.stringify('Süd'),
          updated_at: at(5),
        })
        .execute();
      await db
        .insertInto('jobs')
        .values({
          id: ids.exportJob,
          kind: 'export',
          payload: JSON.stringify({ exportId: ids.pendingExport }),
          status: 'queued',
          run_at: at(6),
          attempts: 0,
          max_attempts: 5,
          progress: 0,
          subject_account_id: ids.bob,
          created_at: at(6),
        })
        .execute();
      await db
        .insertInto('job_events')
        .values({
          id: ids.exportJob.replace('b0001', 'b0002'),
          job_id: ids.exportJob,
          occurred_at: at(6),
          message: 'queued',
        })
        .execute();
      await db
        .insertInto('audit_log')
        .values({
          id: ids.exportJob.replace('b0001', 'b0003'),
          actor_id: ids.alice,
          subject_id: ids.bob,
          community_id: ids.community,
          action: 'member.details_viewed',
          reason: 'Support',
          occurred_at: at(7),
        })
        .execute();
      await db
        .insertInto('instance_settings')
        .values({ key: 'minimum_age', value: '16', updated_at: at(0) })
        .execute();
      // What the race before 0003 could leave: two pending exports, two pending requests of one person.
      const anExport = (id: string, status: string, minute: number, file: Buffer | null) => ({
        id,
        account_id: ids.bob,
        requested_by: ids.bob,
        job_id: ids.exportJob,
        status,
        created_at: at(minute),
        ready_at: file ? at(minute) : null,
        size_bytes: file?.length ?? null,
        file,
      });
      await db
        .insertInto('data_exports')
        .values([
          anExport(ids.olderPendingExport, 'pending', 6, null),
          anExport(ids.pendingExport, 'pending', 7, null),
          anExport(ids.readyExport, 'ready', 3, Buffer.from('PK old zip')),
        ])
        .execute();
      await db
        .insertInto('join_requests')
        .values([
          {
            id: ids.olderRequest,
            community_id: ids.community,
            account_id: ids.bob,
            message: 'Hallo',
            status: 'pending',
            created_at: at(8),
          },
          {
            id: ids.request,
            community_id: ids.community,
            account_id: ids.bob,
            message: 'Hallo nochmal',
            status: 'pending',
            created_at: at(9),
          },
        ])
        .execute();
    },
  };
}

async function indexes(db: QuorumDatabase): Promise<string[]> {
  const { rows } =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and name not like 'sqlite_%'`.execute(
          db.kysely,
        )
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where schemaname = 'public'`.execute(db.kysely);
  return rows.map((row) => row.name).sort();
}

const count = async (db: QuorumDatabase, table: string) =>
  Number(
    (
      await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
        db.kysely,
      )
    ).rows[0]?.n,
  );

const versions = Object.keys(sqliteMigrations).sort();

describe.each(testDialects)('upgrades on $name', (dialect) => {
  let fresh: QuorumDatabase;
  beforeAll(async () => {
    fresh = await dialect.create();
  });
  afterAll(() => fresh?.close());

  it.each(versions.slice(0, -1))(
    'from a database built at %s, with data, to the newest',
    async (version) => {
      const db = await connectDatabase({ url: await dialect.newUrl() });
      try {
        const seed = seeds(dialect.name);
        for (const step of versions.slice(0, versions.indexOf(version) + 1)) {
          await db.migrate({ until: step });
          await seed[step]?.(db.kysely);
        }
        await db.migrate();

        expect(await readCatalog(db)).toEqual(await readCatalog(fresh));
        expect(await indexes(db)).toEqual(await indexes(fresh));

        const alice = await db.repositories.accounts.findById(ids.alice);
        expect(alice).toMatchObject({
          email: 'alice@example.org',
          displayName: 'Alice',
          isInstanceAdmin: true,
          createdAt: new Date(at(0)),
        });
        expect(await db.repositories.memberships.find(ids.community, ids.alice)).toMatchObject({
          role: 'owner',
        });
        expect(await count(db, 'invitations')).toBe(1);
        expect(await count(db, 'sessions')).toBe(1);
        if (version === '0001-initial') return;

        expect(await db.repositories.consentLedger.listForAccount(ids.bob)).toHaveLength(1);
        expect(await db.repositories.profileValues.list(ids.community, ids.alice)).toHaveLength(1);
        expect(await db.repositories.jobs.findById(ids.exportJob)).toMatchObject({
          kind: 'export',
          status: 'queued',
        });
        expect(await count(db, 'job_events')).toBe(1);
        expect(await count(db, 'audit_log')).toBe(1);
        // The duplicates the race left are repaired: the newest pending export and request stand.
        expect((await db.repositories.dataExports.findPending(ids.bob))?.id).toBe(
          ids.pendingExport,
        );
        const exports = await db.repositories.dataExports.listForAccount(ids.bob);
        expect(exports.map((row) => [row.id, row.status])).toEqual([
          [ids.pendingExport, 'pending'],
          [ids.olderPendingExport, 'failed'],
        ]);
        expect(
          (await db.repositories.joinRequests.findPending(ids.community, ids.bob))?.message,
        ).toBe('Hallo nochmal');
        expect(await count(db, 'join_requests')).toBe(1);
      } finally {
        await db.close();
      }
    },
  );
});

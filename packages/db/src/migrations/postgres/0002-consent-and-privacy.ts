import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time (see 0001). Consent, profiles, jobs, exports, audit and erasure.
 * PostgreSQL: JSON as jsonb, timestamps timestamptz, flags boolean, files as bytea.
 */

const locales = sql`('de', 'en')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('communities')
    .addColumn('erasure_content_policy', 'text', (c) =>
      c.notNull().defaultTo('anonymize').check(sql`erasure_content_policy in ('anonymize', 'delete')`),
    )
    .execute();

  await db.schema
    .createTable('policy_texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.references('communities.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) =>
      c.notNull().check(sql`document in ('privacy_notice', 'terms') or document like 'consent:%'`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ${locales}`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .execute();
  // One text per scope, document, version and locale; the instance's scope (NULL) counts as one value.
  await sql`create unique index policy_texts_version_idx on policy_texts (coalesce(community_id, ''), document, version, locale)`.execute(db);
  await db.schema.createIndex('policy_texts_published_by_idx').on('policy_texts').column('published_by').execute();

  await db.schema
    .createTable('community_purposes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('purpose_id', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull().check(sql`legal_basis in ('contract', 'consent', 'legitimate_interest')`))
    .addColumn('data_categories', 'jsonb', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.check(sql`retention_days is null or retention_days > 0`))
    .addColumn('recipients', 'jsonb', (c) => c.notNull())
    .addColumn('texts', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('community_purposes_purpose_unique', ['community_id', 'purpose_id'])
    .execute();

  await db.schema
    .createTable('erasure_markers')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('tombstone_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('erasure_tombstones')
    .addColumn('tombstone_id', 'text', (c) => c.primaryKey())
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('erasure_tombstones_erased_at_idx').on('erasure_tombstones').column('erased_at').execute();

  // account_id has no foreign key: erasure replaces it by a tombstone id.
  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('community_id', 'text')
    .addColumn('purpose_id', 'text', (c) => c.notNull())
    .addColumn('policy_text_id', 'text', (c) => c.notNull().references('policy_texts.id'))
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ${locales}`))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('grant', 'withdraw')`))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('sign_up', 'join', 'privacy_center', 'prompt', 'admin')`),
    )
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_events_account_idx').on('consent_events').columns(['account_id', 'occurred_at']).execute();
  await db.schema.createIndex('consent_events_policy_text_idx').on('consent_events').column('policy_text_id').execute();
  // Insert-only ledger: only the erasure path (marker row in the same transaction) may
  // rewrite a member's events; retention may delete events already pseudonymized.
  await sql`
    create function consent_events_insert_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and exists (select 1 from erasure_markers where account_id = old.account_id) then
        return new;
      end if;
      if tg_op = 'DELETE' and (exists (select 1 from erasure_markers where account_id = old.account_id)
          or exists (select 1 from erasure_tombstones where tombstone_id = old.account_id)) then
        return old;
      end if;
      raise exception 'consent_events is insert-only: % is allowed only inside an erasure%', tg_op,
        case when tg_op = 'DELETE' then ' or for erased members' else '' end
        using errcode = 'integrity_constraint_violation';
    end
    $$`.execute(db);
  await sql`
    create trigger consent_events_insert_only before update or delete on consent_events
    for each row execute function consent_events_insert_only()`.execute(db);

  await db.schema
    .createTable('profile_attributes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('single_choice', 'multiple_choice', 'number', 'date', 'text')`),
    )
    .addColumn('label', 'jsonb', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('profile_attributes_key_unique', ['community_id', 'key'])
    // Target of profile_values' foreign key: an answer belongs to an attribute of its own community.
    .addUniqueConstraint('profile_attributes_scope_unique', ['community_id', 'id'])
    .execute();

  await db.schema
    .createTable('profile_values')
    .addColumn('community_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('attribute_id', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_values_pk', ['community_id', 'account_id', 'attribute_id'])
    // Leaving a community removes its profile answers.
    .addForeignKeyConstraint('profile_values_membership_fk', ['community_id', 'account_id'], 'memberships', ['community_id', 'account_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('profile_values_attribute_fk', ['community_id', 'attribute_id'], 'profile_attributes', ['community_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('profile_values_account_idx').on('profile_values').column('account_id').execute();
  await db.schema.createIndex('profile_values_attribute_idx').on('profile_values').columns(['community_id', 'attribute_id']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'succeeded', 'failed')`))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().check(sql`max_attempts > 0`))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn('last_error', 'text')
    .addColumn('subject_account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_subject_idx').on('jobs').columns(['subject_account_id', 'kind']).execute();
  await db.schema.createIndex('jobs_finished_at_idx').on('jobs').column('finished_at').execute();

  await db.schema
    .createTable('job_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_events_job_idx').on('job_events').columns(['job_id', 'occurred_at']).execute();

  await db.schema
    .createTable('data_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'ready', 'failed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ready_at', 'timestamptz')
    .addColumn('size_bytes', 'integer')
    .addColumn('file', 'bytea')
    .execute();
  await db.schema.createIndex('data_exports_account_idx').on('data_exports').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('data_exports_requested_by_idx').on('data_exports').column('requested_by').execute();

  // No foreign keys to accounts: erasure pseudonymizes these ids, the entries stay.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('community_id', 'text', (c) => c.references('communities.id').onDelete('set null'))
    .addColumn('action', 'text', (c) =>
      c.notNull().check(
        sql`action in ('member.details_viewed', 'member.export_requested', 'member.export_downloaded', 'member.erased', 'policy.published', 'purpose.added')`,
      ),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject_idx').on('audit_log').column('subject_id').execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').column('actor_id').execute();
  await db.schema.createIndex('audit_log_community_idx').on('audit_log').columns(['community_id', 'occurred_at']).execute();
  await db.schema.createIndex('audit_log_occurred_at_idx').on('audit_log').column('occurred_at').execute();

  await db.schema
    .createTable('instance_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'instance_settings', 'audit_log', 'data_exports', 'job_events', 'jobs', 'profile_values', 'profile_attributes',
    'consent_events', 'erasure_tombstones', 'erasure_markers', 'community_purposes', 'policy_texts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function consent_events_insert_only`.execute(db);
  await db.schema.alterTable('communities').dropColumn('erasure_content_policy').execute();
}

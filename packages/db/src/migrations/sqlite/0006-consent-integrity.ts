import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time (see 0001). Consent integrity:
 * - the ledger's order is a sequence the database assigns (`seq`), not the clock;
 * - channels for consents ended by leaving or by removal;
 * - an event may only be written for an account that exists (checked in the writing transaction);
 * - the only rewrite is account_id → the erasure's tombstone, once the account is gone;
 * - published policy texts are immutable (only the publisher reference may be cleared);
 * - consent_current holds every member's current decision per purpose, kept by a trigger
 *   in the transaction of each ledger insert, so "who may we process?" is one query.
 * SQLite cannot add an autoincrement column: the ledger is rebuilt, in its old order.
 */

const channels = sql`('sign_up', 'join', 'privacy_center', 'prompt', 'admin', 'leave', 'removal')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger consent_events_no_update`.execute(db);
  await sql`drop trigger consent_events_no_delete`.execute(db);

  await sql`
    create table consent_events_v6 (
      seq integer primary key autoincrement,
      id text not null unique,
      account_id text not null,
      community_id text,
      purpose_id text not null,
      policy_text_id text not null references policy_texts (id),
      policy_version integer not null,
      text_hash text not null,
      locale text not null check (locale in ('de', 'en')),
      action text not null check (action in ('grant', 'withdraw')),
      channel text not null check (channel in ${channels}),
      occurred_at text not null,
      request_id text not null
    )`.execute(db);
  // The old order was time, then id: it becomes the sequence.
  await sql`
    insert into consent_events_v6 (id, account_id, community_id, purpose_id, policy_text_id, policy_version, text_hash,
      locale, action, channel, occurred_at, request_id)
    select id, account_id, community_id, purpose_id, policy_text_id, policy_version, text_hash,
      locale, action, channel, occurred_at, request_id
    from consent_events order by occurred_at, id`.execute(db);
  await sql`drop table consent_events`.execute(db);
  await sql`alter table consent_events_v6 rename to consent_events`.execute(db);
  await sql`create index consent_events_account_idx on consent_events (account_id, seq)`.execute(db);
  await sql`create index consent_events_policy_text_idx on consent_events (policy_text_id)`.execute(db);

  // SQLite runs one write transaction at a time, so this check cannot race an erasure.
  await sql`
    create trigger consent_events_account_exists before insert on consent_events
    when not exists (select 1 from accounts where id = new.account_id)
    begin
      select raise(abort, 'consent_events: no such account (erased?)');
    end`.execute(db);
  await sql`
    create trigger consent_events_no_update before update on consent_events
    when not exists (select 1 from erasure_markers where account_id = old.account_id and tombstone_id = new.account_id)
      or exists (select 1 from accounts where id = old.account_id)
      or new.seq is not old.seq or new.id is not old.id or new.community_id is not old.community_id
      or new.purpose_id is not old.purpose_id or new.policy_text_id is not old.policy_text_id
      or new.policy_version is not old.policy_version or new.text_hash is not old.text_hash or new.locale is not old.locale
      or new.action is not old.action or new.channel is not old.channel or new.occurred_at is not old.occurred_at
      or new.request_id is not old.request_id
    begin
      select raise(abort, 'consent_events is insert-only: only an erasure may replace the account id by its tombstone');
    end`.execute(db);
  await sql`
    create trigger consent_events_no_delete before delete on consent_events
    when not exists (select 1 from erasure_tombstones where tombstone_id = old.account_id)
      or exists (select 1 from accounts where id = old.account_id)
    begin
      select raise(abort, 'consent_events is insert-only: DELETE is allowed only for erased members');
    end`.execute(db);

  await sql`
    create trigger policy_texts_no_update before update on policy_texts
    when new.id is not old.id or new.community_id is not old.community_id or new.document is not old.document
      or new.version is not old.version or new.locale is not old.locale or new.body is not old.body
      or new.body_hash is not old.body_hash or new.published_at is not old.published_at
      or (new.published_by is not old.published_by and new.published_by is not null)
    begin
      select raise(abort, 'policy_texts are immutable once published: only the publisher reference may be cleared');
    end`.execute(db);
  await sql`
    create trigger policy_texts_no_delete before delete on policy_texts
    when old.community_id is null or exists (select 1 from communities where id = old.community_id)
    begin
      select raise(abort, 'policy_texts are immutable once published');
    end`.execute(db);

  await sql`
    create table consent_current (
      account_id text not null references accounts (id) on delete cascade,
      community_id text references communities (id) on delete cascade,
      purpose_id text not null,
      status text not null check (status in ('granted', 'withdrawn')),
      policy_version integer not null,
      text_hash text not null,
      channel text not null,
      decided_at text not null,
      event_seq integer not null
    )`.execute(db);
  await sql`create unique index consent_current_key_idx on consent_current (account_id, coalesce(community_id, ''), purpose_id)`.execute(db);
  await sql`create index consent_current_purpose_idx on consent_current (coalesce(community_id, ''), purpose_id, status, policy_version)`.execute(db);
  await sql`create index consent_current_community_idx on consent_current (community_id)`.execute(db);
  // Existing ledgers: the last event per member and purpose.
  await sql`
    insert into consent_current (account_id, community_id, purpose_id, status, policy_version, text_hash, channel, decided_at, event_seq)
    select e.account_id, e.community_id, e.purpose_id, case e.action when 'grant' then 'granted' else 'withdrawn' end,
      e.policy_version, e.text_hash, e.channel, e.occurred_at, e.seq
    from consent_events e
    where exists (select 1 from accounts a where a.id = e.account_id)
      and (e.community_id is null or exists (select 1 from communities c where c.id = e.community_id))
      and e.seq = (select max(l.seq) from consent_events l where l.account_id = e.account_id
        and coalesce(l.community_id, '') = coalesce(e.community_id, '') and l.purpose_id = e.purpose_id)`.execute(db);
  await sql`
    create trigger consent_events_current after insert on consent_events
    begin
      delete from consent_current
      where account_id = new.account_id and coalesce(community_id, '') = coalesce(new.community_id, '') and purpose_id = new.purpose_id;
      insert into consent_current (account_id, community_id, purpose_id, status, policy_version, text_hash, channel, decided_at, event_seq)
      values (new.account_id, new.community_id, new.purpose_id, case new.action when 'grant' then 'granted' else 'withdrawn' end,
        new.policy_version, new.text_hash, new.channel, new.occurred_at, new.seq);
    end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0006 cannot be undone: the ledger order it assigns is part of the proof.');
}

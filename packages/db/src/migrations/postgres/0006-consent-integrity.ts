import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time (see 0001). Consent integrity:
 * - the ledger's order is a sequence the database assigns (`seq`), not the clock;
 * - channels for consents ended by leaving or by removal;
 * - an event may only be written for an account that exists: the insert takes a key-share
 *   lock on the account row, so it waits for a running erasure (which holds the row) and
 *   then fails, or the erasure waits for it and then pseudonymizes its event too;
 * - the only rewrite is account_id → the erasure's tombstone, once the account is gone;
 *   TRUNCATE is refused;
 * - published policy texts are immutable (only the publisher reference may be cleared);
 * - consent_current holds every member's current decision per purpose, kept by a trigger
 *   in the transaction of each ledger insert, so "who may we process?" is one query.
 */

const channels = sql`('sign_up', 'join', 'privacy_center', 'prompt', 'admin', 'leave', 'removal')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger consent_events_insert_only on consent_events`.execute(db);
  await sql`drop function consent_events_insert_only()`.execute(db);

  // The old order was time, then id: it becomes the sequence; new rows take the next number.
  await sql`alter table consent_events add column seq integer`.execute(db);
  await sql`
    update consent_events e set seq = o.n
    from (select id, row_number() over (order by occurred_at, id) as n from consent_events) o
    where e.id = o.id`.execute(db);
  await sql`alter table consent_events alter column seq set not null`.execute(db);
  await sql`alter table consent_events alter column seq add generated always as identity`.execute(db);
  await sql`select setval(pg_get_serial_sequence('consent_events', 'seq'), coalesce(max(seq), 0) + 1, false) from consent_events`.execute(db);
  await sql`alter table consent_events add constraint consent_events_seq_unique unique (seq)`.execute(db);
  await sql`drop index consent_events_account_idx`.execute(db);
  await sql`create index consent_events_account_idx on consent_events (account_id, seq)`.execute(db);
  await sql`alter table consent_events drop constraint consent_events_channel_check`.execute(db);
  await sql`alter table consent_events add constraint consent_events_channel_check check (channel in ${channels})`.execute(db);

  await sql`
    create function consent_events_account_exists() returns trigger language plpgsql as $$
    begin
      perform 1 from accounts where id = new.account_id for key share;
      if not found then
        raise exception 'consent_events: no such account (erased?)' using errcode = 'foreign_key_violation';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger consent_events_account_exists before insert on consent_events
    for each row execute function consent_events_account_exists()`.execute(db);

  await sql`
    create function consent_events_insert_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and exists (select 1 from erasure_markers where account_id = old.account_id and tombstone_id = new.account_id)
        and not exists (select 1 from accounts where id = old.account_id)
        and (new.seq, new.id, new.community_id, new.purpose_id, new.policy_text_id, new.policy_version, new.text_hash,
             new.locale, new.action, new.channel, new.occurred_at, new.request_id)
          is not distinct from
            (old.seq, old.id, old.community_id, old.purpose_id, old.policy_text_id, old.policy_version, old.text_hash,
             old.locale, old.action, old.channel, old.occurred_at, old.request_id) then
        return new;
      end if;
      if tg_op = 'DELETE'
        and exists (select 1 from erasure_tombstones where tombstone_id = old.account_id)
        and not exists (select 1 from accounts where id = old.account_id) then
        return old;
      end if;
      raise exception 'consent_events is insert-only: %', case tg_op
          when 'UPDATE' then 'only an erasure may replace the account id by its tombstone'
          when 'DELETE' then 'DELETE is allowed only for erased members'
          else 'TRUNCATE is not allowed' end
        using errcode = 'integrity_constraint_violation';
    end
    $$`.execute(db);
  await sql`
    create trigger consent_events_insert_only before update or delete on consent_events
    for each row execute function consent_events_insert_only()`.execute(db);
  await sql`
    create trigger consent_events_no_truncate before truncate on consent_events
    for each statement execute function consent_events_insert_only()`.execute(db);

  await sql`
    create function policy_texts_immutable() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and (new.id, new.community_id, new.document, new.version, new.locale, new.body, new.body_hash, new.published_at)
          is not distinct from (old.id, old.community_id, old.document, old.version, old.locale, old.body, old.body_hash, old.published_at)
        and (new.published_by is null or new.published_by is not distinct from old.published_by) then
        return new;
      end if;
      -- A community's own texts go with the community (its cascade), never on their own.
      if tg_op = 'DELETE' and old.community_id is not null
        and not exists (select 1 from communities where id = old.community_id) then
        return old;
      end if;
      raise exception 'policy_texts are immutable once published: only the publisher reference may be cleared'
        using errcode = 'integrity_constraint_violation';
    end
    $$`.execute(db);
  await sql`
    create trigger policy_texts_immutable before update or delete on policy_texts
    for each row execute function policy_texts_immutable()`.execute(db);
  await sql`
    create trigger policy_texts_no_truncate before truncate on policy_texts
    for each statement execute function policy_texts_immutable()`.execute(db);

  await sql`
    create table consent_current (
      account_id text not null references accounts (id) on delete cascade,
      community_id text references communities (id) on delete cascade,
      purpose_id text not null,
      status text not null check (status in ('granted', 'withdrawn')),
      policy_version integer not null,
      text_hash text not null,
      channel text not null,
      decided_at timestamptz not null,
      event_seq integer not null
    )`.execute(db);
  await sql`create unique index consent_current_key_idx on consent_current (account_id, coalesce(community_id, ''), purpose_id)`.execute(db);
  await sql`create index consent_current_purpose_idx on consent_current (coalesce(community_id, ''), purpose_id, status, policy_version)`.execute(db);
  await sql`create index consent_current_community_idx on consent_current (community_id)`.execute(db);
  // Existing ledgers: the last event per member and purpose.
  await sql`
    insert into consent_current (account_id, community_id, purpose_id, status, policy_version, text_hash, channel, decided_at, event_seq)
    select distinct on (e.account_id, coalesce(e.community_id, ''), e.purpose_id)
      e.account_id, e.community_id, e.purpose_id, case e.action when 'grant' then 'granted' else 'withdrawn' end,
      e.policy_version, e.text_hash, e.channel, e.occurred_at, e.seq
    from consent_events e
    where exists (select 1 from accounts a where a.id = e.account_id)
      and (e.community_id is null or exists (select 1 from communities c where c.id = e.community_id))
    order by e.account_id, coalesce(e.community_id, ''), e.purpose_id, e.seq desc`.execute(db);
  // Only forward: a row written by an earlier sequence number never replaces a later one.
  await sql`
    create function consent_events_current() returns trigger language plpgsql as $$
    begin
      insert into consent_current (account_id, community_id, purpose_id, status, policy_version, text_hash, channel, decided_at, event_seq)
      values (new.account_id, new.community_id, new.purpose_id, case new.action when 'grant' then 'granted' else 'withdrawn' end,
        new.policy_version, new.text_hash, new.channel, new.occurred_at, new.seq)
      on conflict (account_id, coalesce(community_id, ''), purpose_id) do update
        set status = excluded.status, policy_version = excluded.policy_version, text_hash = excluded.text_hash,
          channel = excluded.channel, decided_at = excluded.decided_at, event_seq = excluded.event_seq
        where consent_current.event_seq < excluded.event_seq;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger consent_events_current after insert on consent_events
    for each row execute function consent_events_current()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0006 cannot be undone: the ledger order it assigns is part of the proof.');
}

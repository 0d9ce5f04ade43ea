import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PersonalRow } from '@quorum/domain/privacy/data-export';
import { dataMap, isByCommunityPolicy, type ByCommunityPolicy, type DataMapEntry, type PersonalTable } from '@quorum/domain/privacy/data-map';
import { withoutPerson } from '@quorum/domain/privacy/redaction';
import type { PersonalDataRepository } from '@quorum/domain/privacy/privacy.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { columnKinds } from '../schema/column-kinds.js';
import type { Database } from '../schema/database.js';
import { inTransaction } from './in-transaction.js';

const personal = (map: readonly DataMapEntry[]) => map.filter((entry): entry is PersonalTable => entry.personal);

/** Reads and erases a member's rows table by table, as the data map says; knows no table itself. */
export class KyselyPersonalDataRepository implements PersonalDataRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  /** A stored value as JSON-friendly data: ISO dates, booleans, parsed JSON; bytes are left out. */
  private plain(table: string, column: string, value: unknown): { value: unknown } | null {
    if (value === null) return { value: null };
    switch (columnKinds[table]?.[column]) {
      case 'timestamp':
        return { value: this.caps.fromTimestamp(value as Date | string).toISOString() };
      case 'flag':
        return { value: this.caps.fromFlag(value as boolean | number) };
      case 'json':
        return { value: this.caps.fromJson(value) };
      case 'bytes':
        return null;
      default:
        return value instanceof Uint8Array ? null : { value: typeof value === 'bigint' ? Number(value) : value };
    }
  }

  /** "This row is the member's": a subject column names them, or a row it belongs to is theirs (reachedThrough, followed down). */
  private refersToMember(accountId: Id, entry: PersonalTable): RawBuilder<unknown> {
    const direct = Object.keys(entry.subjects).map((column) => sql`${sql.ref(column)} = ${accountId}`);
    const through = (entry.reachedThrough ?? []).map((link) => {
      const parent = dataMap.find((candidate): candidate is PersonalTable => candidate.personal && candidate.table === link.table);
      if (!parent) throw new Error(`${entry.table} is reached through ${link.table}, which is not a personal table`);
      return sql`${sql.ref(link.column)} in (select ${sql.ref(link.key)} from ${sql.table(link.table)} where ${this.refersToMember(accountId, parent)})`;
    });
    return sql`(${sql.join([...direct, ...through], sql` or `)})`;
  }

  async collectTable(accountId: Id, entry: PersonalTable): Promise<PersonalRow[]> {
    const subjects = Object.keys(entry.subjects);
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(entry.table)} where ${this.refersToMember(accountId, entry)} order by 1`.execute(this.db);
    const actedOn = entry.actedOn ?? {};
    const about = subjects.filter((column) => !(column in actedOn));
    const secret = new Set(entry.secretColumns ?? []);
    return rows.map((row) => {
      // About the member (through a column or a row it belongs to): the whole row. Found only
      // where the member acted on someone else's row: just what says what the member did.
      const actingOnly = !about.some((column) => row[column] === accountId) && Object.keys(actedOn).some((column) => row[column] === accountId);
      const kept = !actingOnly
        ? null
        : new Set(
            Object.entries(actedOn).flatMap(([column, columns]) =>
              row[column] === accountId ? columns : [],
            ),
          );
      const out: PersonalRow = {};
      for (const [column, value] of Object.entries(row)) {
        if (secret.has(column) || (kept && !kept.has(column))) continue;
        const converted = this.plain(entry.table, column, value);
        if (converted) out[column] = converted.value;
      }
      return out;
    });
  }

  /** Rows about the member that stay (pseudonymized): their free text loses the member's email and name. */
  private async blankInFreeText(
    trx: Kysely<Database>,
    accountId: Id,
    person: { email: string; displayName: string },
    map: readonly DataMapEntry[],
  ): Promise<void> {
    for (const entry of personal(map)) {
      const refersToMember = sql.join(
        Object.keys(entry.subjects).map((column) => sql`${sql.ref(column)} = ${accountId}`),
        sql` or `,
      );
      for (const column of entry.freeText ?? []) {
        const { rows } = await sql<{ id: string; text: string }>`select id, ${sql.ref(column)} as text from ${sql.table(entry.table)} where ${refersToMember}`.execute(trx);
        for (const row of rows) {
          const blanked = withoutPerson(row.text, person);
          if (blanked !== row.text)
            await sql`update ${sql.table(entry.table)} set ${sql.ref(column)} = ${blanked} where id = ${row.id}`.execute(trx);
        }
      }
    }
  }

  /** One update per policy: each row as its community's erasureContentPolicy says. */
  private async eraseByPolicy(
    trx: Kysely<Database>,
    table: string,
    subject: string,
    action: ByCommunityPolicy,
    accountId: Id,
    erasedAt: Date | string,
  ): Promise<void> {
    for (const [policy, erasure] of Object.entries(action.byPolicy)) {
      const changes = [
        sql`${sql.ref(subject)} = null`,
        ...(erasure.blank ?? []).map((column) => sql`${sql.ref(column)} = ''`),
        ...(erasure.stamp ?? []).map((column) => sql`${sql.ref(column)} = coalesce(${sql.ref(column)}, ${erasedAt})`),
      ];
      await sql`update ${sql.table(table)} set ${sql.join(changes)}
        where ${sql.ref(subject)} = ${accountId}
          and ${sql.ref(action.community)} in (select id from communities where erasure_content_policy = ${policy})`.execute(trx);
    }
  }

  async erase(accountId: Id, tombstoneId: Id, map: readonly DataMapEntry[], at: Date): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      // Held until commit: a request still writing for this member finishes first (its rows
      // are then erased too), and one that comes later finds no account (migration 0006).
      const person = await trx
        .selectFrom('accounts')
        .select(['email', 'display_name as displayName'])
        .where('id', '=', accountId)
        .$if(this.caps.rowLocks, (query) => query.forUpdate())
        .executeTakeFirst();
      if (person) await this.blankInFreeText(trx, accountId, person, map);
      const erasedAt = this.caps.toTimestamp(at);
      // The marker names the tombstone the ledger's triggers accept for this member's events.
      await trx.insertInto('erasure_markers').values({ account_id: accountId, tombstone_id: tombstoneId, created_at: erasedAt }).execute();
      await trx.insertInto('erasure_tombstones').values({ tombstone_id: tombstoneId, erased_at: erasedAt }).execute();
      const pseudonymize: { table: string; column: string }[] = [];
      for (const entry of personal(map)) {
        // The marker is this method's own tool: removed last, whatever the map's order.
        if (entry.table === 'erasure_markers') continue;
        const table = sql.table(entry.table);
        for (const [name, action] of Object.entries(entry.subjects)) {
          const column = sql.ref(name);
          if (isByCommunityPolicy(action)) await this.eraseByPolicy(trx, entry.table, name, action, accountId, erasedAt);
          else if (action === 'delete_row') await sql`delete from ${table} where ${column} = ${accountId}`.execute(trx);
          else if (action === 'set_null') await sql`update ${table} set ${column} = null where ${column} = ${accountId}`.execute(trx);
          else pseudonymize.push({ table: entry.table, column: name });
        }
      }
      // Only once the account row is gone: the ledger's triggers allow the rewrite no earlier.
      for (const { table, column } of pseudonymize) {
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${tombstoneId} where ${sql.ref(column)} = ${accountId}`.execute(trx);
      }
      await trx.deleteFrom('erasure_markers').where('account_id', '=', accountId).execute();
    });
  }
}

import { sql, type Kysely, type Selectable } from 'kysely';
import type { ConsentAction, ConsentChannel, ConsentEvent, ConsentState } from '@quorum/domain/consent/consent-ledger';
import type { ConsentAudience, ConsentLedgerRepository } from '@quorum/domain/consent/consent.port';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { Id } from '@quorum/domain/shared/ids';
import type { Locale } from '@quorum/domain/shared/locale';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { ConsentCurrentTable, ConsentEventsTable, Database } from '../schema/database.js';

/** What the insert trigger raises when the account is gone (both dialects, see migration 0006). */
const noSuchAccount = 'consent_events: no such account';

/** Insert-only: the database's triggers refuse UPDATE and DELETE outside the erasure path. */
export class KyselyConsentLedgerRepository implements ConsentLedgerRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toEvent({ seq: _order, ...row }: Selectable<ConsentEventsTable>): ConsentEvent {
    return {
      id: row.id,
      accountId: row.account_id,
      communityId: row.community_id,
      purposeId: row.purpose_id,
      policyTextId: row.policy_text_id,
      policyVersion: row.policy_version,
      textHash: row.text_hash,
      locale: row.locale as Locale,
      action: row.action as ConsentAction,
      channel: row.channel as ConsentChannel,
      occurredAt: this.caps.fromTimestamp(row.occurred_at),
      requestId: row.request_id,
    };
  }

  private toState(row: Selectable<ConsentCurrentTable>): ConsentState {
    return {
      communityId: row.community_id,
      purposeId: row.purpose_id,
      status: row.status,
      version: row.policy_version,
      textHash: row.text_hash,
      decidedAt: this.caps.fromTimestamp(row.decided_at),
      channel: row.channel as ConsentChannel,
    };
  }

  async append(event: ConsentEvent): Promise<void> {
    try {
      await this.insert(event);
    } catch (error) {
      if (error instanceof Error && error.message.includes(noSuchAccount)) throw new DomainError('NOT_FOUND', 'The account no longer exists.');
      throw error;
    }
  }

  private async insert(event: ConsentEvent): Promise<void> {
    if (this.caps.rowLocks) {
      // One member's consent writes take turns from their first event on: two requests that
      // decide the same purposes in opposite order would otherwise each hold a current-consent
      // row the other needs (a deadlock). Not FOR UPDATE: the account's foreign keys go on.
      await this.db
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', event.accountId)
        .forNoKeyUpdate()
        .execute();
    }
    await this.db
      .insertInto('consent_events')
      .values({
        id: event.id,
        account_id: event.accountId,
        community_id: event.communityId,
        purpose_id: event.purposeId,
        policy_text_id: event.policyTextId,
        policy_version: event.policyVersion,
        text_hash: event.textHash,
        locale: event.locale,
        action: event.action,
        channel: event.channel,
        occurred_at: this.caps.toTimestamp(event.occurredAt),
        request_id: event.requestId,
      })
      .execute();
  }

  async listForAccount(accountId: Id): Promise<ConsentEvent[]> {
    const rows = await this.db
      .selectFrom('consent_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => this.toEvent(row));
  }

  async currentForAccount(accountId: Id): Promise<ConsentState[]> {
    const rows = await this.db
      .selectFrom('consent_current')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('event_seq')
      .execute();
    return rows.map((row) => this.toState(row));
  }

  async grantedOn(query: { communityId: Id | null; purposeId: string; version: number; audience: ConsentAudience }): Promise<Set<Id>> {
    const { audience } = query;
    if ('accountIds' in audience && audience.accountIds.length === 0) return new Set();
    const granted = this.db
      .selectFrom('consent_current as c')
      .select('c.account_id')
      // Matches the purpose index's coalesce, so the index is used.
      .where(sql<string>`coalesce(c.community_id, '')`, '=', query.communityId ?? '')
      .where('c.purpose_id', '=', query.purposeId)
      .where('c.status', '=', 'granted')
      .where('c.policy_version', '=', query.version);
    const rows = await ('accountIds' in audience
      ? granted.where('c.account_id', 'in', [...audience.accountIds])
      : granted.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('memberships as m')
              .select('m.account_id')
              .whereRef('m.account_id', '=', 'c.account_id')
              .where('m.community_id', '=', audience.membersOf),
          ),
        )
    ).execute();
    return new Set(rows.map((row) => row.account_id));
  }
}

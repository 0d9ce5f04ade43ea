import type { Kysely, Selectable } from 'kysely';
import type { ConsentAction, ConsentChannel, ConsentEvent } from '@quorum/domain/consent/consent-ledger';
import type { ConsentLedgerRepository } from '@quorum/domain/consent/consent.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { Locale } from '@quorum/domain/shared/locale';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { ConsentEventsTable, Database } from '../schema/database.js';

/** Insert-only: the database's triggers refuse UPDATE and DELETE outside the erasure path. */
export class KyselyConsentLedgerRepository implements ConsentLedgerRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toEvent(row: Selectable<ConsentEventsTable>): ConsentEvent {
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

  async append(event: ConsentEvent): Promise<void> {
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
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.toEvent(row));
  }
}

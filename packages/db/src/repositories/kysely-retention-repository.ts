import type { DeleteResult, Kysely } from 'kysely';
import { sessionPolicy } from '@quorum/domain/accounts/session-policy';
import { corePurposeIds } from '@quorum/domain/consent/purpose-register';
import type { RetentionRepository } from '@quorum/domain/privacy/privacy.port';
import type { RetentionRuleId } from '@quorum/domain/privacy/retention';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database } from '../schema/database.js';

/** One delete per retention rule of the domain; each is idempotent (a second run finds nothing). */
export class KyselyRetentionRepository implements RetentionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private readonly rules: Record<RetentionRuleId, (cutoff: Date) => Promise<DeleteResult>> = {
    // Sessions that sessionPolicy says have ended at the cutoff (idle or absolute timeout).
    sessions_expired: (cutoff) =>
      this.db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([
            eb('last_seen_at', '<=', this.before(cutoff, sessionPolicy.idleTimeoutMs)),
            eb('created_at', '<=', this.before(cutoff, sessionPolicy.absoluteTimeoutMs)),
          ]),
        )
        .executeTakeFirst(),
    tokens_expired: (cutoff) => this.db.deleteFrom('one_time_tokens').where('expires_at', '<', this.at(cutoff)).executeTakeFirst(),
    invitations_ended: (cutoff) =>
      this.db
        .deleteFrom('invitations')
        .where((eb) => eb.or([eb('expires_at', '<', this.at(cutoff)), eb('revoked_at', '<', this.at(cutoff))]))
        .executeTakeFirst(),
    join_requests_decided: (cutoff) =>
      this.db.deleteFrom('join_requests').where('decided_at', '<', this.at(cutoff)).executeTakeFirst(),
    exports_expired: (cutoff) => this.db.deleteFrom('data_exports').where('created_at', '<', this.at(cutoff)).executeTakeFirst(),
    // Their job_events go with them (foreign key cascade).
    jobs_finished: (cutoff) => this.db.deleteFrom('jobs').where('finished_at', '<', this.at(cutoff)).executeTakeFirst(),
    audit_log: (cutoff) => this.db.deleteFrom('audit_log').where('occurred_at', '<', this.at(cutoff)).executeTakeFirst(),
    // Pseudonymous proof of consent, kept for a while after the member's erasure.
    known_devices_unused: (cutoff) =>
      this.db.deleteFrom('known_devices').where('last_used_at', '<', this.at(cutoff)).executeTakeFirst(),
    survey_progress_withdrawn: (cutoff) =>
      this.db
        .deleteFrom('survey_responses')
        .where('status', '=', 'in_progress')
        .where((eb) =>
          eb.or([
            eb('account_id', 'in', this.researchWithdrawnBefore(cutoff)),
            eb('pseudonym', 'in', eb.selectFrom('survey_pseudonyms').select('pseudonym').where('account_id', 'in', this.researchWithdrawnBefore(cutoff))),
          ]),
        )
        .executeTakeFirst(),
    // Answers with a name; pseudonymous ones stay, without their link (next rule); anonymous ones cannot be found.
    survey_responses_withdrawn: (cutoff) =>
      this.db.deleteFrom('survey_responses').where('account_id', 'in', this.researchWithdrawnBefore(cutoff)).executeTakeFirst(),
    survey_links_withdrawn: (cutoff) =>
      this.db.deleteFrom('survey_pseudonyms').where('account_id', 'in', this.researchWithdrawnBefore(cutoff)).executeTakeFirst(),
    survey_participations_withdrawn: (cutoff) =>
      this.db.deleteFrom('survey_participations').where('account_id', 'in', this.researchWithdrawnBefore(cutoff)).executeTakeFirst(),
    consent_tombstones: (cutoff) =>
      this.db
        .deleteFrom('consent_events')
        .where('account_id', 'in', (eb) =>
          eb.selectFrom('erasure_tombstones').select('tombstone_id').where('erased_at', '<', this.at(cutoff)),
        )
        .executeTakeFirst(),
  };

  /** Members whose current decision on the research consent (instance scope) is a withdrawal made by the cutoff. */
  private researchWithdrawnBefore(cutoff: Date) {
    return this.db
      .selectFrom('consent_current')
      .select('account_id')
      .where('purpose_id', '=', corePurposeIds.research)
      .where('community_id', 'is', null)
      .where('status', '=', 'withdrawn')
      // At the cutoff counts: a rule of 0 days applies to a withdrawal made this very moment.
      .where('decided_at', '<=', this.at(cutoff));
  }

  private at(date: Date): Date | string {
    return this.caps.toTimestamp(date);
  }

  private before(date: Date, ms: number): Date | string {
    return this.caps.toTimestamp(new Date(date.getTime() - ms));
  }

  async apply(rule: RetentionRuleId, cutoff: Date): Promise<number> {
    const result = await this.rules[rule](cutoff);
    return Number(result.numDeletedRows);
  }
}

import { sql, type Kysely, type Selectable } from 'kysely';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { Id } from '@quorum/domain/shared/ids';
import type { Respondent, ResponseStatus, SurveyResponse } from '@quorum/domain/surveys/survey';
import type { AnswerRow } from '@quorum/domain/surveys/survey-answer';
import type { ResponseOwner, SurveyResponseRepository } from '@quorum/domain/surveys/survey.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, SurveyResponsesTable } from '../schema/database.js';
import { inTransaction } from './in-transaction.js';
import { withUniqueAs } from './unique-violation.js';

const answered = { table: 'survey_participations', columns: ['survey_id', 'account_id'], code: 'SURVEY_ALREADY_ANSWERED' } as const;
const linked = { table: 'survey_pseudonyms', columns: ['survey_id', 'account_id'], code: 'CONFLICT' } as const;
const oneResponse = { table: 'survey_responses', columns: ['survey_id', 'account_id'], code: 'CONFLICT' } as const;

export class KyselySurveyResponseRepository implements SurveyResponseRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toResponse(row: Selectable<SurveyResponsesTable>, rows: AnswerRow[]): SurveyResponse {
    const time = (value: Date | string | null) => (value === null ? null : this.caps.fromTimestamp(value));
    const respondent: Respondent =
      row.account_id !== null
        ? { mode: 'identified', accountId: row.account_id }
        : row.pseudonym !== null
          ? { mode: 'pseudonymous', pseudonym: row.pseudonym }
          : { mode: 'anonymous' };
    return {
      id: row.id,
      surveyId: row.survey_id,
      version: row.version,
      respondent,
      status: row.status as ResponseStatus,
      pageId: row.page_id,
      startedAt: time(row.started_at),
      updatedAt: time(row.updated_at),
      submittedOn: row.submitted_on,
      rows,
    };
  }

  private async answerRows(responseId: Id): Promise<AnswerRow[]> {
    const rows = await this.db
      .selectFrom('survey_answers')
      .select(['question_id', 'item', 'number_value', 'text_value'])
      .where('response_id', '=', responseId)
      .orderBy('question_id')
      .orderBy('item')
      .execute();
    return rows.map((row) => ({ questionId: row.question_id, item: row.item, number: row.number_value, text: row.text_value }));
  }

  private async insertRows(trx: Kysely<Database>, response: SurveyResponse): Promise<void> {
    if (response.rows.length === 0) return;
    // Chunks keep every statement under SQLite's parameter limit.
    for (let start = 0; start < response.rows.length; start += 500) {
      await trx
        .insertInto('survey_answers')
        .values(
          response.rows.slice(start, start + 500).map((row) => ({
            response_id: response.id,
            survey_id: response.surveyId,
            question_id: row.questionId,
            item: row.item,
            number_value: row.number,
            text_value: row.text,
          })),
        )
        .execute();
    }
  }

  async findByOwner(surveyId: Id, owner: ResponseOwner): Promise<SurveyResponse | null> {
    const row = await this.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .$if('accountId' in owner, (query) => query.where('account_id', '=', (owner as { accountId: Id }).accountId))
      .$if('pseudonym' in owner, (query) => query.where('pseudonym', '=', (owner as { pseudonym: string }).pseudonym))
      .executeTakeFirst();
    return row ? this.toResponse(row, await this.answerRows(row.id)) : null;
  }

  async pseudonymOf(surveyId: Id, accountId: Id): Promise<string | null> {
    const row = await this.db
      .selectFrom('survey_pseudonyms')
      .select('pseudonym')
      .where('survey_id', '=', surveyId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.pseudonym ?? null;
  }

  async linkPseudonym(surveyId: Id, accountId: Id, pseudonym: string): Promise<void> {
    await withUniqueAs(this.caps, linked, () =>
      this.db.insertInto('survey_pseudonyms').values({ survey_id: surveyId, account_id: accountId, pseudonym }).execute(),
    );
  }

  async save(response: SurveyResponse): Promise<void> {
    const { respondent } = response;
    if (respondent.mode === 'anonymous') throw new Error('Anonymous responses are stored only by submitAnonymous');
    const time = (value: Date | null) => (value === null ? null : this.caps.toTimestamp(value));
    const columns = {
      status: response.status,
      page_id: response.pageId,
      updated_at: time(response.updatedAt),
      submitted_on: response.submittedOn,
    };
    await inTransaction(this.db, async (trx) => {
      const written = await withUniqueAs(this.caps, oneResponse, () =>
        trx
          .insertInto('survey_responses')
          .values({
            id: response.id,
            survey_id: response.surveyId,
            version: response.version,
            account_id: respondent.mode === 'identified' ? respondent.accountId : null,
            pseudonym: respondent.mode === 'pseudonymous' ? respondent.pseudonym : null,
            started_at: time(response.startedAt),
            ...columns,
          })
          // A finished response stays finished: a save from another tab that read it as
          // unfinished before the submit committed waits for the row and then changes nothing.
          .onConflict((conflict) => conflict.column('id').doUpdateSet(columns).where('survey_responses.status', '=', 'in_progress'))
          .executeTakeFirst(),
      );
      if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) throw new DomainError('SURVEY_ALREADY_ANSWERED');
      await trx.deleteFrom('survey_answers').where('response_id', '=', response.id).execute();
      await this.insertRows(trx, response);
    });
  }

  async submitAnonymous(response: SurveyResponse, participation: { accountId: Id; day: string }): Promise<void> {
    if (response.respondent.mode !== 'anonymous' || response.startedAt || response.updatedAt || response.pageId || response.submittedOn) {
      throw new Error('An anonymous response carries no respondent, no times, no day and no position');
    }
    await inTransaction(this.db, async (trx) => {
      await withUniqueAs(this.caps, answered, () =>
        trx
          .insertInto('survey_participations')
          .values({ survey_id: response.surveyId, account_id: participation.accountId, participated_on: participation.day })
          .execute(),
      );
      await trx
        .insertInto('survey_responses')
        .values({
          id: response.id,
          survey_id: response.surveyId,
          version: response.version,
          account_id: null,
          pseudonym: null,
          status: 'complete',
          page_id: null,
          started_at: null,
          updated_at: null,
          submitted_on: null,
        })
        .execute();
      await this.insertRows(trx, response);
      await this.unlinkArrivalOrder(trx, response.surveyId);
    });
  }

  /**
   * PostgreSQL keeps, beside every row, the id of the transaction that wrote it (xmin) and
   * its place in the table file (ctid) — both follow the order of arrival, and the submitting
   * transaction writes the participation and the answers together. So that neither joins
   * them: every anonymous response and answer of the survey is rewritten (all then carry
   * this transaction's id), and the participations are written anew in account order.
   * SQLite keeps these tables WITHOUT ROWID, ordered by their keys (migration 0010).
   * Costs one pass over the survey's anonymous rows per submission (decision 026).
   */
  private async unlinkArrivalOrder(trx: Kysely<Database>, surveyId: Id): Promise<void> {
    if (this.caps.name !== 'postgres') return;
    const anonymous = trx
      .selectFrom('survey_responses')
      .select('id')
      .where('survey_id', '=', surveyId)
      .where('account_id', 'is', null)
      .where('pseudonym', 'is', null);
    await trx.updateTable('survey_responses').set({ status: sql`status` }).where('id', 'in', anonymous).execute();
    await trx.updateTable('survey_answers').set({ item: sql`item` }).where('survey_id', '=', surveyId).where('response_id', 'in', anonymous).execute();
    const participations = await trx.deleteFrom('survey_participations').where('survey_id', '=', surveyId).returningAll().execute();
    participations.sort((a, b) => (a.account_id < b.account_id ? -1 : 1));
    for (let start = 0; start < participations.length; start += 1000) {
      await trx.insertInto('survey_participations').values(participations.slice(start, start + 1000)).execute();
    }
  }

  async recordParticipation(surveyId: Id, accountId: Id, day: string): Promise<void> {
    await withUniqueAs(this.caps, answered, () =>
      this.db.insertInto('survey_participations').values({ survey_id: surveyId, account_id: accountId, participated_on: day }).execute(),
    );
  }

  async hasParticipated(surveyId: Id, accountId: Id): Promise<boolean> {
    const row = await this.db
      .selectFrom('survey_participations')
      .select('survey_id')
      .where('survey_id', '=', surveyId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteUnfinishedPseudonymous(accountId: Id): Promise<number> {
    const result = await this.db
      .deleteFrom('survey_responses')
      .where('status', '=', 'in_progress')
      .where('pseudonym', 'in', (eb) => eb.selectFrom('survey_pseudonyms').select('pseudonym').where('account_id', '=', accountId))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

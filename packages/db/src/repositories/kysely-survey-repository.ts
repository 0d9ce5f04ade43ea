import { sql, type Kysely, type Selectable } from 'kysely';
import type { Id } from '@quorum/domain/shared/ids';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import type { Survey, SurveyForMember, SurveyListEntry, SurveyVersion } from '@quorum/domain/surveys/survey';
import type { SurveyDefinition } from '@quorum/domain/surveys/survey-definition';
import type { AnonymityMode, SurveyStatus } from '@quorum/domain/surveys/survey-lifecycle';
import type { SurveyRepository } from '@quorum/domain/surveys/survey.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, SurveysTable } from '../schema/database.js';
import { keysetPage, type KeyColumn } from './keyset-page.js';

type SurveyRow = Selectable<SurveysTable> & { title: unknown; responses: number | string | bigint };

const newestFirst: KeyColumn<SurveyRow>[] = [
  { ref: 's.created_at', order: 'desc', kind: 'timestamp', of: (row) => new Date(row.created_at as Date | string).toISOString() },
  { ref: 's.id', order: 'desc', kind: 'text', of: (row) => row.id },
];

export class KyselySurveyRepository implements SurveyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toSurvey(row: Selectable<SurveysTable>): Survey {
    const time = (value: Date | string | null) => (value === null ? null : this.caps.fromTimestamp(value));
    return {
      id: row.id,
      communityId: row.community_id,
      status: row.status as SurveyStatus,
      anonymity: row.anonymity as AnonymityMode,
      currentVersion: row.current_version,
      opensAt: time(row.opens_at),
      closesAt: time(row.closes_at),
      createdBy: row.created_by,
      createdAt: this.caps.fromTimestamp(row.created_at),
      updatedAt: this.caps.fromTimestamp(row.updated_at),
    };
  }

  private toEntry(row: SurveyRow): SurveyListEntry {
    const definition = this.caps.fromJson(row.title) as SurveyDefinition;
    return { survey: this.toSurvey(row), title: definition.title, responses: Number(row.responses) };
  }

  private columns(survey: Survey) {
    const time = (value: Date | null) => (value === null ? null : this.caps.toTimestamp(value));
    return {
      status: survey.status,
      anonymity: survey.anonymity,
      current_version: survey.currentVersion,
      opens_at: time(survey.opensAt),
      closes_at: time(survey.closesAt),
      updated_at: this.caps.toTimestamp(survey.updatedAt),
    };
  }

  async create(survey: Survey, version: SurveyVersion): Promise<void> {
    await this.db
      .insertInto('surveys')
      .values({
        id: survey.id,
        community_id: survey.communityId,
        created_by: survey.createdBy,
        created_at: this.caps.toTimestamp(survey.createdAt),
        ...this.columns(survey),
      })
      .execute();
    await this.saveVersion(version);
  }

  async update(survey: Survey): Promise<void> {
    await this.db.updateTable('surveys').set(this.columns(survey)).where('id', '=', survey.id).execute();
  }

  async findById(id: Id): Promise<Survey | null> {
    const row = await this.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toSurvey(row) : null;
  }

  async findHeld(id: Id, mode: 'answer' | 'change'): Promise<Survey | null> {
    const row = await this.db
      .selectFrom('surveys')
      .selectAll()
      .where('id', '=', id)
      .$if(this.caps.rowLocks, (query) => (mode === 'change' ? query.forUpdate() : query.forShare()))
      .executeTakeFirst();
    return row ? this.toSurvey(row) : null;
  }

  async saveVersion(version: SurveyVersion): Promise<void> {
    const stored = { definition: this.caps.toJson(version.definition), created_at: this.caps.toTimestamp(version.createdAt) };
    await this.db
      .insertInto('survey_versions')
      .values({ survey_id: version.surveyId, version: version.version, ...stored })
      .onConflict((conflict) => conflict.columns(['survey_id', 'version']).doUpdateSet(stored))
      .execute();
  }

  async findVersion(surveyId: Id, version: number): Promise<SurveyVersion | null> {
    const row = await this.db
      .selectFrom('survey_versions')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) return null;
    return {
      surveyId: row.survey_id,
      version: row.version,
      definition: this.caps.fromJson(row.definition) as SurveyDefinition,
      createdAt: this.caps.fromTimestamp(row.created_at),
    };
  }

  async hasResponses(surveyId: Id): Promise<boolean> {
    const row = await this.db.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Surveys with the current version's definition (for its title) and their complete responses. */
  private listQuery() {
    return this.db
      .selectFrom('surveys as s')
      .innerJoin('survey_versions as v', (join) => join.onRef('v.survey_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
      .selectAll('s')
      .select((eb) => [
        'v.definition as title',
        eb
          .selectFrom('survey_responses as r')
          .select((count) => count.fn.countAll().as('n'))
          .whereRef('r.survey_id', '=', 's.id')
          .where('r.status', '=', 'complete')
          .as('responses'),
      ]);
  }

  /** "Open at `now`" in SQL: the same rule as the domain's statusAt. */
  private openAt(now: Date) {
    const at = this.caps.toTimestamp(now);
    return sql<boolean>`((s.status = 'open' or (s.status = 'scheduled' and s.opens_at <= ${at})) and (s.closes_at is null or s.closes_at > ${at}))`;
  }

  async listForCommunity(query: { communityId: Id; onlyVisible: boolean; now: Date }, request: PageRequest): Promise<KeysetPage<SurveyListEntry>> {
    const filtered = this.listQuery()
      .where('s.community_id', '=', query.communityId)
      // Members see surveys once they opened (open now or closed since), not drafts, plans or the archive.
      .$if(query.onlyVisible, (q) =>
        q.where(sql<boolean>`(s.status in ('open', 'closed') or (s.status = 'scheduled' and s.opens_at <= ${this.caps.toTimestamp(query.now)}))`),
      );
    const page = await keysetPage({ db: this.db, caps: this.caps, query: filtered as never, keys: newestFirst, request });
    return { ...page, items: (page.items as SurveyRow[]).map((row) => this.toEntry(row)) };
  }

  async listForMember(query: { accountId: Id; now: Date }, request: PageRequest): Promise<KeysetPage<SurveyForMember>> {
    const finished = sql<boolean>`exists (select 1 from survey_participations as p where p.survey_id = s.id and p.account_id = ${query.accountId})`;
    const started = sql<boolean>`(exists (select 1 from survey_responses as r where r.survey_id = s.id and r.account_id = ${query.accountId})
      or exists (select 1 from survey_pseudonyms as l where l.survey_id = s.id and l.account_id = ${query.accountId}))`;
    const filtered = this.listQuery()
      .innerJoin('memberships as m', (join) => join.onRef('m.community_id', '=', 's.community_id').on('m.account_id', '=', query.accountId))
      .innerJoin('communities as c', 'c.id', 's.community_id')
      .select(['c.name as community_name', 'c.slug as community_slug', finished.as('finished'), started.as('started')])
      .where(sql<boolean>`(${this.openAt(query.now)} or ${finished} or ${started})`)
      .where('s.status', '!=', 'archived');
    const page = await keysetPage({ db: this.db, caps: this.caps, query: filtered as never, keys: newestFirst, request });
    type MemberRow = SurveyRow & { community_name: string; community_slug: string; finished: unknown; started: unknown };
    return {
      ...page,
      items: (page.items as MemberRow[]).map((row) => {
        const done = Boolean(Number(row.finished));
        return {
          ...this.toEntry(row),
          communityName: row.community_name,
          communitySlug: row.community_slug,
          finished: done,
          inProgress: !done && Boolean(Number(row.started)),
        };
      }),
    };
  }
}

import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time (see 0001). Surveys (issue 11): the community's time zone; surveys and their
 * published versions; responses with one row per answered value (results are SQL aggregates);
 * pseudonym links and participation records apart from the answers.
 *
 * Anonymity (decision 026): no serial or identity column anywhere here; PostgreSQL's hidden
 * order (ctid) and transaction ids (xmin) are dealt with by the repository, which rewrites
 * a survey's anonymous rows on every submission.
 */

const statuses = sql`('draft', 'scheduled', 'open', 'closed', 'archived')`;
// Days are text (YYYY-MM-DD), as in SQLite: the driver would turn a `date` into a local midnight.
const modes = sql`('identified', 'pseudonymous', 'anonymous')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('communities').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC')).execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${statuses}`))
    .addColumn('anonymity', 'text', (c) => c.notNull().check(sql`anonymity in ${modes}`))
    .addColumn('current_version', 'integer', (c) => c.notNull().check(sql`current_version > 0`))
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index surveys_community_created_idx on surveys (community_id, created_at, id)`.execute(db);
  await sql`create index surveys_created_by_idx on surveys (created_by)`.execute(db);

  await sql`
    create table survey_versions (
      survey_id text not null references surveys (id) on delete cascade,
      version integer not null check (version > 0),
      definition jsonb not null,
      created_at timestamptz not null,
      primary key (survey_id, version)
    )`.execute(db);

  // account_id: identified responses only; pseudonym: pseudonymous ones; neither: anonymous.
  await sql`
    create table survey_responses (
      id text primary key,
      survey_id text not null,
      version integer not null,
      account_id text references accounts (id) on delete cascade,
      pseudonym text,
      status text not null check (status in ('in_progress', 'complete')),
      page_id text,
      started_at timestamptz,
      updated_at timestamptz,
      submitted_on text check (submitted_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      check (account_id is null or pseudonym is null),
      foreign key (survey_id, version) references survey_versions (survey_id, version) on delete cascade
    )`.execute(db);
  await sql`create unique index survey_responses_account_idx on survey_responses (survey_id, account_id)`.execute(db);
  await sql`create unique index survey_responses_pseudonym_idx on survey_responses (survey_id, pseudonym)`.execute(db);
  await sql`create index survey_responses_account_id_idx on survey_responses (account_id)`.execute(db);

  // One row per answered value (the engine's AnswerRow): a pick or ranked option, a matrix row
  // (column as text, its position as number), or one number / text / date with item ''.
  await sql`
    create table survey_answers (
      response_id text not null references survey_responses (id) on delete cascade,
      survey_id text not null,
      question_id text not null,
      item text not null default '',
      number_value double precision,
      text_value text,
      primary key (response_id, question_id, item)
    )`.execute(db);
  await sql`create index survey_answers_question_idx on survey_answers (survey_id, question_id, item)`.execute(db);

  // The link between a person and their pseudonym in one survey; erasure deletes it.
  await sql`
    create table survey_pseudonyms (
      survey_id text not null references surveys (id) on delete cascade,
      account_id text not null references accounts (id) on delete cascade,
      pseudonym text not null unique,
      primary key (survey_id, account_id)
    )`.execute(db);
  await sql`create index survey_pseudonyms_account_id_idx on survey_pseudonyms (account_id)`.execute(db);

  // Who finished which survey (one response per member, in every mode), by day only.
  await sql`
    create table survey_participations (
      survey_id text not null references surveys (id) on delete cascade,
      account_id text not null references accounts (id) on delete cascade,
      participated_on text not null check (participated_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      primary key (survey_id, account_id)
    )`.execute(db);
  await sql`create index survey_participations_account_id_idx on survey_participations (account_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_participations', 'survey_pseudonyms', 'survey_answers', 'survey_responses', 'survey_versions', 'surveys']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('communities').dropColumn('time_zone').execute();
}

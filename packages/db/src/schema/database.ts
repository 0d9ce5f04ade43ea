import type { AccountsTable } from './accounts.table.js';
import type { CommunitiesTable } from './communities.table.js';
import type { InvitationsTable } from './invitations.table.js';
import type { JoinRequestsTable } from './join-requests.table.js';
import type { MembershipsTable } from './memberships.table.js';
import type { OneTimeTokensTable } from './one-time-tokens.table.js';
import type { SessionsTable } from './sessions.table.js';

/** Every table Quorum owns, as Kysely sees them (snake_case, as stored). */
export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  communities: CommunitiesTable;
  memberships: MembershipsTable;
  join_requests: JoinRequestsTable;
  invitations: InvitationsTable;
}

export type { AccountsTable, CommunitiesTable, InvitationsTable, JoinRequestsTable, MembershipsTable, OneTimeTokensTable, SessionsTable };
export type { Flag, Timestamp } from './column-types.js';

import type { Id } from '../shared/ids.js';
import type { KeysetPage, PageRequest } from '../shared/pagination.js';
import type { AuditAction, AuditEntry } from './audit.js';
import type { DataExport, PersonalRow } from './data-export.js';
import type { DataMapEntry, PersonalTable } from './data-map.js';
import type { RetentionRuleId } from './retention.js';

export interface AuditLogRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Entries about a member (what the privacy center shows them). */
  listForSubject(subjectId: Id): Promise<AuditEntry[]>;
  /** Newest first, with the names of who acted and whose data (null once erased). */
  listPage(filter: AuditLogFilter, request: PageRequest): Promise<KeysetPage<AuditListEntry>>;
}

export interface AuditLogFilter {
  /** One community's entries (what its staff see), or all (instance admins). */
  communityId: Id | null;
  /** Part of the name of who acted or whose data it was. */
  member: string | null;
  actions: readonly AuditAction[] | null;
}

export interface AuditListEntry extends AuditEntry {
  actorName: string | null;
  subjectName: string | null;
}

export interface DataExportRepository {
  create(dataExport: DataExport): Promise<void>;
  findById(id: Id): Promise<DataExport | null>;
  findPending(accountId: Id): Promise<DataExport | null>;
  listForAccount(accountId: Id): Promise<DataExport[]>;
  /** A pending export's file is complete; false when it is no longer pending (erased or failed meanwhile). */
  markReady(id: Id, sizeBytes: number, at: Date): Promise<boolean>;
  markFailed(id: Id): Promise<void>;
  /** Those of `ids` whose export is pending or ready: their files stay, the others' may go. */
  withFiles(ids: readonly Id[]): Promise<Id[]>;
}

/** Reads and removes a member's data generically, following the data map. */
export interface PersonalDataRepository {
  /**
   * The rows of one table that refer to the member, secret columns left out; rows where the
   * member only acted on someone else (the entry's `actedOn`) with just the listed columns.
   */
  collectTable(accountId: Id, entry: PersonalTable): Promise<PersonalRow[]>;
  /**
   * Applies the map's subject actions for the member: pseudonymize with `tombstoneId`,
   * clear references, delete rows — inside the caller's transaction, with the erasure
   * marker that lets the ledger's triggers allow it.
   */
  erase(accountId: Id, tombstoneId: Id, map: readonly DataMapEntry[], at: Date): Promise<void>;
}

export interface RetentionRepository {
  /** Deletes what the rule says is due before `cutoff`; returns how many rows went. */
  apply(rule: RetentionRuleId, cutoff: Date): Promise<number>;
}

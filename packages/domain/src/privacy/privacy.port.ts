import type { Id } from '../shared/ids.js';
import type { AuditEntry } from './audit.js';
import type { DataExport, PersonalData } from './data-export.js';
import type { DataMapEntry } from './data-map.js';
import type { RetentionRuleId } from './retention.js';

export interface AuditLogRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Entries about a member (what the privacy center shows them). */
  listForSubject(subjectId: Id): Promise<AuditEntry[]>;
  /** Entries of one community (what its staff see), or all (instance admins). */
  list(filter: { communityId: Id | null }): Promise<AuditEntry[]>;
}

export interface DataExportRepository {
  create(dataExport: DataExport): Promise<void>;
  findById(id: Id): Promise<DataExport | null>;
  findPending(accountId: Id): Promise<DataExport | null>;
  listForAccount(accountId: Id): Promise<DataExport[]>;
  markReady(id: Id, file: Uint8Array, at: Date): Promise<void>;
  markFailed(id: Id): Promise<void>;
  readFile(id: Id): Promise<Uint8Array | null>;
}

/** Reads and removes a member's data generically, following the data map. */
export interface PersonalDataRepository {
  /** Every row of every exportable table that refers to the member (secret columns left out). */
  collect(accountId: Id, map: readonly DataMapEntry[]): Promise<PersonalData>;
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

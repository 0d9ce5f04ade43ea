import type { Kysely, Selectable } from 'kysely';
import type { DataExport, DataExportStatus } from '@quorum/domain/privacy/data-export';
import type { DataExportRepository } from '@quorum/domain/privacy/privacy.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, DataExportsTable } from '../schema/database.js';
import { withUniqueAs } from './unique-violation.js';

const onePending = {
  table: 'data_exports',
  columns: ['account_id'],
  code: 'EXPORT_IN_PROGRESS',
} as const;

const exportColumns = [
  'id',
  'account_id',
  'requested_by',
  'job_id',
  'status',
  'created_at',
  'ready_at',
  'size_bytes',
] as const;

/** Export metadata; the ZIP itself is a file (FileStorage, key exportFileKey(id)). */
export class KyselyDataExportRepository implements DataExportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toExport(row: Selectable<DataExportsTable>): DataExport {
    return {
      id: row.id,
      accountId: row.account_id,
      requestedBy: row.requested_by,
      jobId: row.job_id,
      status: row.status as DataExportStatus,
      createdAt: this.caps.fromTimestamp(row.created_at),
      readyAt: row.ready_at === null ? null : this.caps.fromTimestamp(row.ready_at),
      sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    };
  }

  async create(dataExport: DataExport): Promise<void> {
    await withUniqueAs(this.caps, onePending, () =>
      this.db
        .insertInto('data_exports')
        .values({
          id: dataExport.id,
          account_id: dataExport.accountId,
          requested_by: dataExport.requestedBy,
          job_id: dataExport.jobId,
          status: dataExport.status,
          created_at: this.caps.toTimestamp(dataExport.createdAt),
          ready_at: dataExport.readyAt && this.caps.toTimestamp(dataExport.readyAt),
          size_bytes: dataExport.sizeBytes,
        })
        .execute(),
    );
  }

  async findById(id: Id): Promise<DataExport | null> {
    const row = await this.db
      .selectFrom('data_exports')
      .select(exportColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.toExport(row) : null;
  }

  async findPending(accountId: Id): Promise<DataExport | null> {
    const row = await this.db
      .selectFrom('data_exports')
      .select(exportColumns)
      .where('account_id', '=', accountId)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? this.toExport(row) : null;
  }

  async listForAccount(accountId: Id): Promise<DataExport[]> {
    const rows = await this.db
      .selectFrom('data_exports')
      .select(exportColumns)
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => this.toExport(row));
  }

  async markReady(id: Id, sizeBytes: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('data_exports')
      .set({ status: 'ready', size_bytes: sizeBytes, ready_at: this.caps.toTimestamp(at) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markFailed(id: Id): Promise<void> {
    await this.db
      .updateTable('data_exports')
      .set({ status: 'failed' })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  async withFiles(ids: readonly Id[]): Promise<Id[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('data_exports')
      .select('id')
      .where('id', 'in', ids)
      .where('status', 'in', ['pending', 'ready'])
      .execute();
    return rows.map((row) => row.id);
  }
}

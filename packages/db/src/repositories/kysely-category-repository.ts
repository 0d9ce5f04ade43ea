import type { Kysely, Selectable } from 'kysely';
import type { Category } from '@quorum/domain/threads/category';
import type { CategoryRepository } from '@quorum/domain/threads/thread.port';
import type { Id } from '@quorum/domain/shared/ids';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { CategoriesTable, Database } from '../schema/database.js';
import { inTransaction } from './in-transaction.js';

export class KyselyCategoryRepository implements CategoryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toCategory(row: Selectable<CategoriesTable>): Category {
    return {
      id: row.id,
      communityId: row.community_id,
      name: row.name,
      description: row.description,
      position: row.position,
      closedToMembers: this.caps.fromFlag(row.closed_to_members),
      archivedAt: row.archived_at === null ? null : this.caps.fromTimestamp(row.archived_at),
      threadCount: row.thread_count,
      createdAt: this.caps.fromTimestamp(row.created_at),
    };
  }

  async create(category: Category): Promise<void> {
    await this.db
      .insertInto('categories')
      .values({
        id: category.id,
        community_id: category.communityId,
        name: category.name,
        description: category.description,
        position: category.position,
        closed_to_members: this.caps.toFlag(category.closedToMembers),
        archived_at: category.archivedAt && this.caps.toTimestamp(category.archivedAt),
        thread_count: category.threadCount,
        created_at: this.caps.toTimestamp(category.createdAt),
      })
      .execute();
  }

  async findById(id: Id): Promise<Category | null> {
    const row = await this.db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toCategory(row) : null;
  }

  async list(communityId: Id): Promise<Category[]> {
    const rows = await this.db
      .selectFrom('categories')
      .selectAll()
      .where('community_id', '=', communityId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map((row) => this.toCategory(row));
  }

  async update(category: Pick<Category, 'id' | 'name' | 'description' | 'closedToMembers' | 'archivedAt'>): Promise<void> {
    await this.db
      .updateTable('categories')
      .set({
        name: category.name,
        description: category.description,
        closed_to_members: this.caps.toFlag(category.closedToMembers),
        archived_at: category.archivedAt && this.caps.toTimestamp(category.archivedAt),
      })
      .where('id', '=', category.id)
      .execute();
  }

  async reorder(communityId: Id, categoryIds: readonly Id[]): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      for (const [position, id] of categoryIds.entries()) {
        await trx.updateTable('categories').set({ position }).where('id', '=', id).where('community_id', '=', communityId).execute();
      }
    });
  }
}

import type { Kysely } from 'kysely';
import type { ReadMark, ReadMarkRepository } from '@quorum/domain/threads/thread.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database } from '../schema/database.js';
import { inTransaction } from './in-transaction.js';

const CHUNK = 500;

export class KyselyReadMarkRepository implements ReadMarkRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  /**
   * A few statements per batch, however many marks. Marks of accounts or threads gone by now
   * (erased while the mark waited in memory) are left out rather than failing the batch; a
   * mark never moves a stored one back.
   */
  async record(marks: readonly ReadMark[], at: Date): Promise<void> {
    const highest = new Map<string, ReadMark>();
    for (const mark of marks) {
      const key = `${mark.accountId} ${mark.threadId}`;
      if ((highest.get(key)?.number ?? 0) < mark.number) highest.set(key, mark);
    }
    const all = [...highest.values()];
    const updatedAt = this.caps.toTimestamp(at);
    await inTransaction(this.db, async (trx) => {
      for (let start = 0; start < all.length; start += CHUNK) {
        const chunk = all.slice(start, start + CHUNK);
        // Held (key share) until commit: an erasure under way finishes first and its account
        // then drops out here, instead of failing the whole batch on the foreign key.
        const accounts = await trx
          .selectFrom('accounts')
          .select('id')
          .where('id', 'in', [...new Set(chunk.map((mark) => mark.accountId))])
          .$if(this.caps.rowLocks, (query) => query.forKeyShare())
          .execute();
        const threads = await trx
          .selectFrom('threads')
          .select('id')
          .where('id', 'in', [...new Set(chunk.map((mark) => mark.threadId))])
          .$if(this.caps.rowLocks, (query) => query.forKeyShare())
          .execute();
        const [liveAccounts, liveThreads] = [new Set(accounts.map((row) => row.id)), new Set(threads.map((row) => row.id))];
        const rows = chunk
          .filter((mark) => liveAccounts.has(mark.accountId) && liveThreads.has(mark.threadId))
          .map((mark) => ({ account_id: mark.accountId, thread_id: mark.threadId, last_read_number: mark.number, updated_at: updatedAt }));
        if (rows.length === 0) continue;
        await trx
          .insertInto('thread_reads')
          .values(rows)
          .onConflict((conflict) =>
            conflict
              .columns(['account_id', 'thread_id'])
              .doUpdateSet((eb) => ({
                last_read_number: eb.ref('excluded.last_read_number'),
                updated_at: eb.ref('excluded.updated_at'),
              }))
              .where((eb) => eb('excluded.last_read_number', '>', eb.ref('thread_reads.last_read_number'))),
          )
          .execute();
      }
    });
  }
}

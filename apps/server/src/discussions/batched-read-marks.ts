import type { QuorumDatabase } from '@quorum/db/connect';
import type { Clock } from '@quorum/domain/shared/clock';
import type { ReadMark, ReadMarks } from '@quorum/domain/threads/thread.port';
import type { Logger } from '../logger.js';

export interface BatchedReadMarks extends ReadMarks {
  /** Writes every mark recorded so far, in one transaction. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left (at shutdown). */
  close(): Promise<void>;
}

/** Enough for every member reading at once; beyond it a write starts early. */
const FLUSH_AT = 5_000;

/**
 * Read marks kept in memory and written in batches: a page view costs a map update, not a
 * write on SQLite's single writer. A crash loses at most the last interval's marks — the
 * member sees a few posts as unread again, nothing else. Marks only move forward, in memory
 * and in the database (several processes on one PostgreSQL may write the same mark).
 */
export function createBatchedReadMarks(db: QuorumDatabase, clock: Clock, logger: Logger, intervalMs = 5_000): BatchedReadMarks {
  let waiting = new Map<string, ReadMark>();
  let writing = new Map<string, ReadMark>();
  let running: Promise<void> | null = null;
  const keyOf = (accountId: string, threadId: string) => `${accountId} ${threadId}`;

  async function write(): Promise<void> {
    if (waiting.size === 0) return;
    writing = waiting;
    waiting = new Map();
    try {
      await db.unitOfWork.transaction((repos) => repos.readMarks.record([...writing.values()], clock.now()));
    } catch (error) {
      logger.warn({ err: error, marks: writing.size }, 'read marks not written; kept for the next try');
      for (const [key, mark] of writing) if ((waiting.get(key)?.number ?? 0) < mark.number) waiting.set(key, mark);
    } finally {
      writing = new Map();
    }
  }

  function flush(): Promise<void> {
    running ??= write().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    markRead(mark) {
      const key = keyOf(mark.accountId, mark.threadId);
      if ((waiting.get(key)?.number ?? 0) >= mark.number) return;
      waiting.set(key, mark);
      if (waiting.size >= FLUSH_AT) void flush();
    },
    pending(accountId, threadId) {
      const key = keyOf(accountId, threadId);
      const numbers = [waiting.get(key)?.number, writing.get(key)?.number].filter((n): n is number => n !== undefined);
      return numbers.length > 0 ? Math.max(...numbers) : undefined;
    },
    async flush() {
      await running;
      await flush();
    },
    async close() {
      clearInterval(timer);
      await running;
      await flush();
    },
  };
}

import { DomainError } from '@quorum/domain/shared/domain-error';

export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks allowed to wait for a free slot; one more is refused at once. */
  maxWaiting: number;
}

export interface WorkQueue {
  /** Runs the task when a slot is free; throws BUSY without running it when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { running: number; waiting: number };
}

/**
 * A bounded queue for expensive work (password hashing). Under a flood it answers
 * "busy" at once instead of letting waits grow without end; what is already queued
 * still runs in order.
 */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  let running = 0;
  const waiting: (() => void)[] = [];

  /** A finishing task hands its slot to the first waiting one, or frees it. */
  const next = () => {
    const handOver = waiting.shift();
    if (handOver) handOver();
    else running--;
  };

  return {
    async run(task) {
      if (running >= options.concurrency) {
        if (waiting.length >= options.maxWaiting) throw new DomainError('BUSY');
        // The slot is handed over by the finishing task: `running` already counts us.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        next();
      }
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}

import { describe, expect, it } from 'vitest';
import { DomainError } from '@quorum/domain/shared/domain-error';
import { createWorkQueue } from './work-queue.js';

/** A task that runs until the test lets it finish. */
function heldTask() {
  let finish!: () => void;
  let started = false;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      started = true;
      await done;
      return 'done';
    },
    finish: () => finish(),
    started: () => started,
  };
}

describe('bounded work queue', () => {
  it('runs up to its concurrency, queues up to its limit, and refuses the rest at once without running it', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxWaiting: 1 });
    const tasks = [heldTask(), heldTask(), heldTask()];
    const results = tasks.map((held) => queue.run(held.task));
    await Promise.resolve();
    expect(tasks.map((held) => held.started())).toEqual([true, true, false]);
    expect(queue.stats()).toEqual({ running: 2, waiting: 1 });

    let refusedTaskRan = false;
    const refused = queue.run(async () => {
      refusedTaskRan = true;
    });
    await expect(refused).rejects.toSatisfy((error) => error instanceof DomainError && error.code === 'BUSY');
    expect(refusedTaskRan).toBe(false);

    tasks[0]!.finish();
    await results[0];
    // The waiting task takes the freed slot.
    await Promise.resolve();
    expect(tasks[2]!.started()).toBe(true);
    expect(queue.stats()).toEqual({ running: 2, waiting: 0 });
    tasks[1]!.finish();
    tasks[2]!.finish();
    expect(await Promise.all(results)).toEqual(['done', 'done', 'done']);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a task that fails', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 0 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});

import { expect } from 'vitest';
import type { QuorumDatabase } from '@quorum/db/connect';
import { MINUTE } from '@quorum/domain/shared/clock';
import type { TestClock } from './test-app.js';

/**
 * A worker takes the due job of `kind` and dies, `times` in a row: each time its one-minute
 * lease runs out without an answer (the clock moves on two minutes).
 */
export async function workerDiesOn(db: QuorumDatabase, clock: TestClock, kind: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    expect(await db.repositories.jobs.claimNext('dies', clock.now(), new Date(clock.now().getTime() + MINUTE), [kind])).not.toBeNull();
    clock.advance(2 * MINUTE);
  }
}

import { sql } from 'kysely';
import type { QuorumDatabase, Repositories } from '../connect.js';

/**
 * Runs `work` in a transaction that stays open after it (`reached`) until `release()`:
 * the first half of a race, made to wait at a known point. `afterRelease` runs in the same
 * transaction once released; `done` gives its result.
 */
export function heldTransaction<T = undefined>(
  db: QuorumDatabase,
  work: (repos: Repositories) => Promise<unknown>,
  afterRelease?: (repos: Repositories) => Promise<T>,
) {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const done = db.unitOfWork.transaction(async (repos) => {
    await work(repos);
    reach();
    await gate;
    return afterRelease?.(repos);
  });
  return { reached, release, done };
}

/**
 * Resolves once `work` has finished or waits for a row lock another transaction holds
 * (PostgreSQL): the second half of a race has gone as far as it can. On SQLite a process's
 * one connection runs transactions one after another, so there is nothing to wait for.
 */
export async function doneOrWaiting(db: QuorumDatabase, work: Promise<unknown>): Promise<void> {
  if (db.dialect !== 'postgres') return;
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (;;) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db.kysely);
    if (settled || Number(rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

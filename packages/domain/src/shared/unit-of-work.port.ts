/**
 * Runs `work` in one database transaction: everything it writes lands, or nothing
 * does. The db package implements it; use cases receive the repositories bound to
 * the transaction as the argument of `work`.
 */
export interface UnitOfWork<Repositories> {
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}

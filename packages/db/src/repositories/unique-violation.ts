import { DomainError, type DomainErrorCode } from '@quorum/domain/shared/domain-error';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/** A unique constraint by its columns, or a unique (expression) index by its name. */
export type UniqueTarget =
  | { table: string; columns: readonly string[]; code: DomainErrorCode }
  | { index: string; code: DomainErrorCode };

/**
 * Runs a write and turns a unique violation of `target` into the domain's error:
 * the use case checks first, but two requests can still race past that check.
 */
export async function withUniqueAs<T>(capabilities: DialectCapabilities, target: UniqueTarget, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const violation = capabilities.uniqueViolation(error);
    const matches =
      violation !== null &&
      ('index' in target
        ? violation.index === target.index
        : violation.table === target.table && violation.columns.join() === target.columns.join());
    if (matches) throw new DomainError(target.code);
    throw error;
  }
}

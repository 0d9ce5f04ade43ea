import { DomainError, type DomainErrorCode } from '@quorum/domain/shared/domain-error';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * Runs a write and turns a unique violation on `table(columns)` into the domain's error:
 * the use case checks first, but two requests can still race past that check.
 */
export async function withUniqueAs<T>(
  capabilities: DialectCapabilities,
  target: { table: string; columns: readonly string[]; code: DomainErrorCode },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const violation = capabilities.uniqueViolation(error);
    if (violation?.table === target.table && violation.columns.join() === target.columns.join()) {
      throw new DomainError(target.code);
    }
    throw error;
  }
}

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';

/**
 * "The column contains the term", case-insensitive in every script, the term taken literally.
 * A substring search scans the list's rows: fine for names within one community (20,000 in a
 * few milliseconds), not meant for full-text search.
 */
export function containsText(caps: DialectCapabilities, ref: string, term: string): RawBuilder<SqlBool> {
  return caps.containsText(sql.ref(ref), term);
}

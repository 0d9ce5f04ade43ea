import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { directReadOf } from '../dialects/direct-reads.js';

/** A placeholder that cannot be a real value: ids, names and flags never hold a NUL. */
const marker = (name: string) => `\u0000quorum-param:${name}`;

/**
 * Kysely builds and compiles a query anew on every call: a fifth of a community-directory read
 * in the profile (decision 016). Hot reads whose SQL depends only on a few flags are compiled
 * once per key — which must name the dialect and every flag that shapes the SQL — and each
 * call only swaps the parameters in.
 *
 * `build` gets `param(name)`, which stands for a value passed straight through as a bound
 * parameter (not inside a list or a transformed value: the placeholder must reach the
 * compiled parameters unchanged, which `run` checks).
 */
export class CompiledQueries {
  private readonly cache = new Map<
    string,
    { sql: string; slots: (string | { value: unknown })[] }
  >();

  async run<Row>(
    db: Kysely<never>,
    key: string,
    build: (param: <T>(name: string) => T) => Compilable<Row>,
    values: Record<string, unknown>,
  ): Promise<Row[]> {
    let compiled = this.cache.get(key);
    if (!compiled) {
      const names = new Map<string, string>();
      const query = build(<T>(name: string) => {
        names.set(marker(name), name);
        return marker(name) as T;
      }).compile();
      const slots = query.parameters.map((value) =>
        typeof value === 'string' && names.has(value) ? names.get(value)! : { value },
      );
      const used = new Set(slots.filter((slot) => typeof slot === 'string'));
      if (used.size !== names.size)
        throw new Error(`compiled query ${key}: a parameter did not reach the SQL unchanged`);
      compiled = { sql: query.sql, slots };
      this.cache.set(key, compiled);
    }
    const parameters = compiled.slots.map((slot) =>
      typeof slot === 'string' ? values[slot] : slot.value,
    );
    const direct = directReadOf(db);
    if (direct) return direct(compiled.sql, parameters) as Row[];
    const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
    return result.rows;
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { Account } from '@quorum/domain/accounts/account';
import type { AccountPatch, AccountRepository } from '@quorum/domain/accounts/account.port';
import type { Locale } from '@quorum/domain/shared/locale';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { AccountsTable, Database } from '../schema/database.js';
import { withUniqueAs } from './unique-violation.js';

const emailTaken = { table: 'accounts', columns: ['email'], code: 'EMAIL_TAKEN' } as const;
export const accountColumns = [
  'id',
  'email',
  'email_verified_at',
  'display_name',
  'locale',
  'is_instance_admin',
  'created_at',
] as const;

/** Shared with the session lookup, which reads the account in the same query. */
export function toAccount(
  row: Omit<Selectable<AccountsTable>, 'password_hash'>,
  caps: DialectCapabilities,
): Account {
  return {
    id: row.id,
    email: row.email,
    emailVerifiedAt:
      row.email_verified_at === null ? null : caps.fromTimestamp(row.email_verified_at),
    displayName: row.display_name,
    locale: row.locale as Locale,
    isInstanceAdmin: caps.fromFlag(row.is_instance_admin),
    createdAt: caps.fromTimestamp(row.created_at),
  };
}

export class KyselyAccountRepository implements AccountRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  async create(account: Account, passwordHash: string): Promise<void> {
    await withUniqueAs(this.caps, emailTaken, () =>
      this.db
        .insertInto('accounts')
        .values({
          id: account.id,
          email: account.email,
          email_verified_at:
            account.emailVerifiedAt && this.caps.toTimestamp(account.emailVerifiedAt),
          display_name: account.displayName,
          locale: account.locale,
          is_instance_admin: this.caps.toFlag(account.isInstanceAdmin),
          password_hash: passwordHash,
          created_at: this.caps.toTimestamp(account.createdAt),
        })
        .execute(),
    );
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.db
      .selectFrom('accounts')
      .select(accountColumns)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toAccount(row, this.caps) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    const row = await this.db
      .selectFrom('accounts')
      .select(accountColumns)
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? toAccount(row, this.caps) : null;
  }

  async findPasswordHash(id: string): Promise<string | null> {
    return this.passwordHash(id, false);
  }

  /** FOR SHARE on PostgreSQL (a password update and the erasure's FOR UPDATE wait); SQLite serialises write transactions. */
  async holdPasswordHash(id: string): Promise<string | null> {
    return this.passwordHash(id, this.caps.rowLocks);
  }

  private async passwordHash(id: string, hold: boolean): Promise<string | null> {
    const row = await this.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', id)
      .$if(hold, (query) => query.forShare())
      .executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async hold(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', id)
      .$if(this.caps.rowLocks, (query) => query.forNoKeyUpdate())
      .executeTakeFirst();
    return row !== undefined;
  }

  async lockForErasure(id: string): Promise<void> {
    await this.db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', id)
      .$if(this.caps.rowLocks, (query) => query.forUpdate())
      .execute();
  }

  async update(id: string, patch: AccountPatch): Promise<void> {
    const values = {
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.emailVerifiedAt !== undefined && {
        email_verified_at: patch.emailVerifiedAt && this.caps.toTimestamp(patch.emailVerifiedAt),
      }),
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      ...(patch.isInstanceAdmin !== undefined && {
        is_instance_admin: this.caps.toFlag(patch.isInstanceAdmin),
      }),
    };
    if (Object.keys(values).length === 0) return;
    await withUniqueAs(this.caps, emailTaken, () =>
      this.db.updateTable('accounts').set(values).where('id', '=', id).execute(),
    );
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .execute();
  }

  async countInstanceAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('is_instance_admin', '=', this.caps.toFlag(true))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async lockInstanceAdmins(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .select('id')
      .where('is_instance_admin', '=', this.caps.toFlag(true))
      // One order for every locker: two erasures lock the same rows in the same sequence.
      .orderBy('id')
      .$if(this.caps.rowLocks, (query) => query.forUpdate())
      .execute();
    return rows.map((row) => row.id);
  }
}

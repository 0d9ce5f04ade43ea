import type { Kysely, Selectable } from 'kysely';
import type { InvitationRepository } from '@quorum/domain/communities/community.port';
import type { Invitation } from '@quorum/domain/communities/invitation';
import type { Role } from '@quorum/domain/communities/membership';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { keysetPage, mapPage, type KeyColumn } from './keyset-page.js';
import type { Database, InvitationsTable } from '../schema/database.js';

export class KyselyInvitationRepository implements InvitationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private toInvitation(row: Selectable<InvitationsTable>): Invitation {
    return {
      id: row.id,
      communityId: row.community_id,
      tokenHash: row.token_hash,
      role: row.role as Role,
      note: row.note,
      createdBy: row.created_by,
      createdAt: this.caps.fromTimestamp(row.created_at),
      expiresAt: this.caps.fromTimestamp(row.expires_at),
      maxUses: row.max_uses,
      uses: Number(row.uses),
      revokedAt: row.revoked_at === null ? null : this.caps.fromTimestamp(row.revoked_at),
    };
  }

  async create(invitation: Invitation): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        id: invitation.id,
        community_id: invitation.communityId,
        token_hash: invitation.tokenHash,
        role: invitation.role,
        note: invitation.note,
        created_by: invitation.createdBy,
        created_at: this.caps.toTimestamp(invitation.createdAt),
        expires_at: this.caps.toTimestamp(invitation.expiresAt),
        max_uses: invitation.maxUses,
        uses: invitation.uses,
        revoked_at: invitation.revokedAt && this.caps.toTimestamp(invitation.revokedAt),
      })
      .execute();
  }

  async findById(id: string): Promise<Invitation | null> {
    const row = await this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toInvitation(row) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | null> {
    const row = await this.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? this.toInvitation(row) : null;
  }

  /** Newest first. */
  async listPage(communityId: string, request: PageRequest): Promise<KeysetPage<Invitation>> {
    const query = this.db.selectFrom('invitations').selectAll().where('community_id', '=', communityId);
    type Row = Awaited<ReturnType<typeof query.execute>>[number];
    const keys: KeyColumn<Row>[] = [
      { ref: 'created_at', order: 'desc', kind: 'timestamp', of: (row) => this.caps.fromTimestamp(row.created_at).toISOString() },
      { ref: 'id', order: 'desc', kind: 'text', of: (row) => row.id },
    ];
    return mapPage(await keysetPage({ db: this.db, caps: this.caps, query, keys, request }), (row) => this.toInvitation(row));
  }

  async claimUse(id: string, now: Date): Promise<boolean> {
    // The usability check and the increment are one statement: a racing second claim
    // for the last use re-evaluates the WHERE after the first commits and matches nothing.
    const result = await this.db
      .updateTable('invitations')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.caps.toTimestamp(now))
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('invitations')
      .set({ revoked_at: this.caps.toTimestamp(at) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async deleteExpired(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('invitations')
      .where('expires_at', '<', this.caps.toTimestamp(before))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

import type { Id } from '../shared/ids.js';
import type { ProfileAttribute, ProfileValue } from './profile-attribute.js';

export interface ProfileAttributeRepository {
  create(attribute: ProfileAttribute): Promise<void>;
  update(attribute: ProfileAttribute): Promise<void>;
  delete(id: Id): Promise<void>;
  findById(id: Id): Promise<ProfileAttribute | null>;
  list(communityId: Id): Promise<ProfileAttribute[]>;
}

export interface ProfileValueRepository {
  /** Inserts or replaces one answer. */
  upsert(value: ProfileValue): Promise<void>;
  delete(communityId: Id, accountId: Id, attributeId: Id): Promise<void>;
  list(communityId: Id, accountId: Id): Promise<ProfileValue[]>;
  /** How many members a segment reaches, counted by the database (one query, however many members). */
  countAudience(query: AudienceQuery): Promise<AudienceCounts>;
}

export interface AudienceQuery {
  communityId: Id;
  /**
   * Members count as consented when their last decision on this purpose (instance-wide when
   * communityId is null) is a grant of this text version; null when the purpose needs no consent.
   */
  consent: { purposeId: string; communityId: Id | null; version: number } | null;
  /** Every filter must hold: the member's answer (or one of its options) is one of anyOf. */
  filters: readonly { attributeId: Id; anyOf: readonly string[] }[];
}

export interface AudienceCounts {
  members: number;
  /** Members the consent gate lets through. */
  consented: number;
  /** Consented members every filter matches; the others' answers are never looked at. */
  matching: number;
}

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
}

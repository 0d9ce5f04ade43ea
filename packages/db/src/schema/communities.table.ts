import type { Generated } from 'kysely';
import type { Timestamp } from './column-types.js';

export interface CommunitiesTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: string;
  default_locale: string;
  /** Defaults to 'anonymize' (communities made before issue 3). */
  erasure_content_policy: Generated<string>;
  created_at: Timestamp;
}

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
  /** IANA name; 'UTC' for communities made before issue 11. */
  time_zone: Generated<string>;
  created_at: Timestamp;
}

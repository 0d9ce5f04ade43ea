import type { Timestamp } from './column-types.js';

export interface CommunitiesTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: string;
  default_locale: string;
  created_at: Timestamp;
}

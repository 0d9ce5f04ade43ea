import type { Flag, Timestamp } from './column-types.js';

export interface CategoriesTable {
  id: string;
  community_id: string;
  name: string;
  description: string;
  position: number;
  closed_to_members: Flag;
  archived_at: Timestamp | null;
  thread_count: number;
  created_at: Timestamp;
}

export interface ThreadsTable {
  id: string;
  community_id: string;
  category_id: string;
  author_id: string | null;
  title: string;
  created_at: Timestamp;
  last_posted_at: Timestamp;
  post_count: number;
  pinned_at: Timestamp | null;
  locked_at: Timestamp | null;
}

export interface PostsTable {
  id: string;
  thread_id: string;
  community_id: string;
  number: number;
  author_id: string | null;
  body: string;
  quoted_post_id: string | null;
  created_at: Timestamp;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
}

export interface PostRevisionsTable {
  id: string;
  post_id: string;
  author_id: string;
  body: string;
  replaced_at: Timestamp;
}

export interface ThreadReadsTable {
  account_id: string;
  thread_id: string;
  last_read_number: number;
  updated_at: Timestamp;
}

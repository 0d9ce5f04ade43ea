import type { Flag, Timestamp } from './column-types.js';

export interface AccountsTable {
  id: string;
  email: string;
  email_verified_at: Timestamp | null;
  display_name: string;
  locale: string;
  is_instance_admin: Flag;
  password_hash: string;
  created_at: Timestamp;
}

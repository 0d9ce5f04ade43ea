import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as consentAndPrivacy from './0002-consent-and-privacy.js';
import * as onePendingRequest from './0003-one-pending-request.js';
import * as exportFiles from './0004-export-files.js';
import * as knownDevices from './0005-known-devices.js';
import * as consentIntegrity from './0006-consent-integrity.js';
import * as listIndexes from './0007-list-indexes.js';
import * as discussions from './0009-discussions.js';
import * as surveys from './0010-surveys.js';

/** Listed by hand, not scanned: the server is bundled, so there is no folder to read at run time. */
export const sqliteMigrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-consent-and-privacy': consentAndPrivacy,
  '0003-one-pending-request': onePendingRequest,
  '0004-export-files': exportFiles,
  '0005-known-devices': knownDevices,
  '0006-consent-integrity': consentIntegrity,
  '0007-list-indexes': listIndexes,
  '0009-discussions': discussions,
  '0010-surveys': surveys,
};

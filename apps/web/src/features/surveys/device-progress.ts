import type { RunState } from '@quorum/domain/surveys/survey-runner';

/**
 * Progress of an anonymous survey lives only on the member's device (docs/survey-anonymity.md):
 * the server keeps nothing until the answers are sent. Starting again elsewhere is allowed;
 * an abandoned copy here counts for nothing. With the progress the device keeps a random key
 * that seeds the respondent's option order (`respondentKey` in the domain), so a reload shows
 * the same order and nothing about the person shapes it.
 */
const key = (surveyId: string) => `quorum.survey.${surveyId}`;

interface Stored {
  /** Seeds the option order on this device; kept across versions, dropped with the progress. */
  key: string;
  /** The version the progress belongs to, and the progress itself (null: not started). */
  version: number;
  state: RunState | null;
}

export interface DeviceProgress {
  key: string;
  /** Progress on this version of the survey, or null (none, or another version: start afresh). */
  state: RunState | null;
}

function read(name: string): string | null {
  try {
    return localStorage.getItem(name);
  } catch {
    return null; // storage blocked: progress lives in this tab only
  }
}

function write(name: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(name);
    else localStorage.setItem(name, value);
  } catch {
    // not kept across reloads; the survey still works
  }
}

function parse(raw: string | null): Partial<Stored> | null {
  if (!raw) return null;
  try {
    const stored: unknown = JSON.parse(raw);
    return stored && typeof stored === 'object' ? (stored as Partial<Stored>) : null;
  } catch {
    return null;
  }
}

/**
 * This device's key for the survey and its progress on this version. The key is made (and
 * kept) on first use, before anything is answered, so the first page already shows the order
 * every later visit on this device will show.
 */
export function readDeviceProgress(surveyId: string, version: number): DeviceProgress {
  const stored = parse(read(key(surveyId)));
  const state = stored?.version === version && stored.state && typeof stored.state === 'object' ? stored.state : null;
  if (typeof stored?.key === 'string' && stored.key.length > 0) return { key: stored.key, state };
  const created = crypto.randomUUID();
  write(key(surveyId), JSON.stringify({ key: created, version, state } satisfies Stored));
  return { key: created, state };
}

export function writeDeviceProgress(surveyId: string, version: number, progress: { key: string; state: RunState }): void {
  write(key(surveyId), JSON.stringify({ key: progress.key, version, state: progress.state } satisfies Stored));
}

/** After sending: nothing of this survey stays on the device. */
export function forgetDeviceProgress(surveyId: string): void {
  write(key(surveyId), null);
}

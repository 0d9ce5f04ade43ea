import type { RunState } from '@quorum/domain/surveys/survey-runner';

/**
 * Progress of an anonymous survey lives only on the member's device (docs/survey-anonymity.md):
 * the server keeps nothing until the answers are sent. Starting again elsewhere is allowed;
 * an abandoned copy here counts for nothing.
 */
const key = (surveyId: string) => `quorum.survey.${surveyId}`;

interface Stored {
  version: number;
  state: RunState;
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

/** Saved progress for this version of the survey, or null (another version: start afresh). */
export function readDeviceProgress(surveyId: string, version: number): RunState | null {
  const raw = read(key(surveyId));
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as Stored;
    return stored.version === version && stored.state && typeof stored.state === 'object' ? stored.state : null;
  } catch {
    return null;
  }
}

export function writeDeviceProgress(surveyId: string, version: number, state: RunState): void {
  write(key(surveyId), JSON.stringify({ version, state } satisfies Stored));
}

export function forgetDeviceProgress(surveyId: string): void {
  write(key(surveyId), null);
}

/** A random key of this device, seeding the stable option order where there is no response id yet. */
export function deviceKey(surveyId: string): string {
  const name = `${key(surveyId)}.key`;
  const existing = read(name);
  if (existing) return existing;
  const created = crypto.randomUUID();
  write(name, created);
  return created;
}

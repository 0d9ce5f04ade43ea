import { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';

/**
 * A survey's life: draft → scheduled → open → closed → archived. The stored status is
 * what staff did; the status that counts is derived from it and the clock on every
 * read and every answer (`statusAt`), so a survey opens and closes on time even when
 * no job has run yet.
 */
export const surveyStatuses = ['draft', 'scheduled', 'open', 'closed', 'archived'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
export const surveyStatusSchema = z.enum(surveyStatuses, { error: 'survey_status_invalid' });

/** Chosen per survey, explained to respondents before they start (docs/survey-anonymity.md). */
export const anonymityModes = ['identified', 'pseudonymous', 'anonymous'] as const;
export type AnonymityMode = (typeof anonymityModes)[number];
export const anonymityModeSchema = z.enum(anonymityModes, { error: 'anonymity_mode_invalid' });

export interface SurveySchedule {
  status: SurveyStatus;
  /** UTC. Set when scheduled or opened. */
  opensAt: Date | null;
  /** UTC. Optional end; after it the survey counts as closed. */
  closesAt: Date | null;
}

/** The status that holds at `now`: a scheduled survey past its opening is open, an open one past its closing closed. */
export function statusAt(survey: SurveySchedule, now: Date): SurveyStatus {
  const closed = survey.closesAt !== null && survey.closesAt.getTime() <= now.getTime();
  if (survey.status === 'scheduled' && survey.opensAt !== null && survey.opensAt.getTime() <= now.getTime()) return closed ? 'closed' : 'open';
  if (survey.status === 'open' && closed) return 'closed';
  return survey.status;
}

/** Whether an answer may be taken now: asked on every answer, not only by a job. */
export function isOpenAt(survey: SurveySchedule, now: Date): boolean {
  return statusAt(survey, now) === 'open';
}

/** Throws SURVEY_NOT_OPEN (with the status that holds) unless the survey takes answers now. */
export function assertOpenAt(survey: SurveySchedule, now: Date): void {
  const status = statusAt(survey, now);
  if (status !== 'open') throw new DomainError('SURVEY_NOT_OPEN', `The survey is ${status}.`, { status });
}

export type LifecycleAction =
  | { action: 'schedule'; opensAt: Date; closesAt?: Date | null }
  | { action: 'open'; closesAt?: Date | null }
  | { action: 'unschedule' }
  | { action: 'close' }
  | { action: 'archive' };

export const lifecycleActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('schedule'), opensAt: z.coerce.date(), closesAt: z.coerce.date().nullable().optional() }),
  z.strictObject({ action: z.literal('open'), closesAt: z.coerce.date().nullable().optional() }),
  z.strictObject({ action: z.literal('unschedule') }),
  z.strictObject({ action: z.literal('close') }),
  z.strictObject({ action: z.literal('archive') }),
]);

/** Which actions each status (as it holds now) allows. */
const allowed: Record<SurveyStatus, readonly LifecycleAction['action'][]> = {
  draft: ['schedule', 'open'],
  scheduled: ['schedule', 'open', 'unschedule'],
  open: ['close'],
  closed: ['archive'],
  archived: [],
};

export function allowedActions(survey: SurveySchedule, now: Date): readonly LifecycleAction['action'][] {
  return allowed[statusAt(survey, now)];
}

/**
 * The schedule after a staff action, or SURVEY_STATE_INVALID (`from`, `action`) /
 * VALIDATION (`opens_at_past`, `closes_before_opens`). Opening and closing by hand take
 * effect at `now`; a closing time given ahead stays in force.
 */
export function planLifecycle(survey: SurveySchedule, change: LifecycleAction, now: Date): SurveySchedule {
  const from = statusAt(survey, now);
  if (!allowed[from].includes(change.action)) {
    throw new DomainError('SURVEY_STATE_INVALID', `Cannot ${change.action} a ${from} survey.`, { from, action: change.action });
  }
  const checkClosing = (opensAt: Date, closesAt: Date | null | undefined) => {
    if (closesAt && closesAt.getTime() <= opensAt.getTime()) throw new DomainError('VALIDATION', 'closes_before_opens', { field: 'closesAt', reason: 'closes_before_opens' });
    return closesAt ?? null;
  };
  switch (change.action) {
    case 'schedule':
      if (change.opensAt.getTime() <= now.getTime()) throw new DomainError('VALIDATION', 'opens_at_past', { field: 'opensAt', reason: 'opens_at_past' });
      return { status: 'scheduled', opensAt: change.opensAt, closesAt: checkClosing(change.opensAt, change.closesAt) };
    case 'open':
      return { status: 'open', opensAt: now, closesAt: checkClosing(now, change.closesAt) };
    case 'unschedule':
      return { status: 'draft', opensAt: null, closesAt: null };
    case 'close':
      return { status: 'closed', opensAt: survey.opensAt, closesAt: now };
    case 'archive':
      return { ...survey, status: 'archived' };
  }
}

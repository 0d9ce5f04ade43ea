import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../shared/clock.js';
import { allowedActions, assertOpenAt, isOpenAt, lifecycleActionSchema, planLifecycle, statusAt, type SurveySchedule } from './survey-lifecycle.js';

const now = new Date('2026-06-01T10:00:00Z');
const at = (offset: number) => new Date(now.getTime() + offset);
const draft: SurveySchedule = { status: 'draft', opensAt: null, closesAt: null };

describe('the survey lifecycle', () => {
  it('walks draft → scheduled → open → closed → archived', () => {
    const scheduled = planLifecycle(draft, { action: 'schedule', opensAt: at(HOUR), closesAt: at(DAY) }, now);
    expect(scheduled).toEqual({ status: 'scheduled', opensAt: at(HOUR), closesAt: at(DAY) });
    const open = planLifecycle(scheduled, { action: 'open' }, now);
    expect(open).toEqual({ status: 'open', opensAt: now, closesAt: null });
    const closed = planLifecycle(open, { action: 'close' }, at(2 * HOUR));
    expect(closed).toEqual({ status: 'closed', opensAt: now, closesAt: at(2 * HOUR) });
    expect(planLifecycle(closed, { action: 'archive' }, at(3 * HOUR)).status).toBe('archived');
  });

  it('opens and closes on time, checked against the clock, without any job', () => {
    const scheduled: SurveySchedule = { status: 'scheduled', opensAt: at(HOUR), closesAt: at(DAY) };
    expect(isOpenAt(scheduled, at(HOUR - 1))).toBe(false);
    expect(statusAt(scheduled, at(HOUR))).toBe('open');
    expect(isOpenAt(scheduled, at(DAY - 1))).toBe(true);
    expect(statusAt(scheduled, at(DAY))).toBe('closed');
    expect(statusAt({ status: 'open', opensAt: now, closesAt: at(HOUR) }, at(HOUR))).toBe('closed');
    expect(isOpenAt({ status: 'archived', opensAt: now, closesAt: null }, at(HOUR))).toBe(false);
  });

  it('refuses answers unless open, saying what holds', () => {
    expect(() => assertOpenAt(draft, now)).toThrowError(expect.objectContaining({ code: 'SURVEY_NOT_OPEN', details: { status: 'draft' } }));
    expect(() => assertOpenAt({ status: 'open', opensAt: now, closesAt: at(HOUR) }, at(HOUR))).toThrowError(expect.objectContaining({ details: { status: 'closed' } }));
    expect(() => assertOpenAt({ status: 'open', opensAt: now, closesAt: null }, at(DAY))).not.toThrow();
  });

  it('refuses steps the status does not allow', () => {
    expect(() => planLifecycle(draft, { action: 'close' }, now)).toThrowError(expect.objectContaining({ code: 'SURVEY_STATE_INVALID', details: { from: 'draft', action: 'close' } }));
    const passed: SurveySchedule = { status: 'open', opensAt: now, closesAt: at(HOUR) };
    // Closed by its time: archiving is next, closing again is not.
    expect(allowedActions(passed, at(DAY))).toEqual(['archive']);
    expect(() => planLifecycle({ ...passed, status: 'archived' }, { action: 'open' }, now)).toThrowError(expect.objectContaining({ code: 'SURVEY_STATE_INVALID' }));
  });

  it('refuses an opening in the past and a closing before the opening', () => {
    expect(() => planLifecycle(draft, { action: 'schedule', opensAt: at(-1) }, now)).toThrowError(expect.objectContaining({ code: 'VALIDATION', details: { field: 'opensAt', reason: 'opens_at_past' } }));
    expect(() => planLifecycle(draft, { action: 'open', closesAt: now }, now)).toThrowError(expect.objectContaining({ details: { field: 'closesAt', reason: 'closes_before_opens' } }));
  });

  it('goes back to draft when unscheduled', () => {
    expect(planLifecycle({ status: 'scheduled', opensAt: at(HOUR), closesAt: null }, { action: 'unschedule' }, now)).toEqual(draft);
  });

  it('reads actions from JSON input', () => {
    expect(lifecycleActionSchema.parse({ action: 'schedule', opensAt: '2026-06-02T08:00:00Z' })).toEqual({ action: 'schedule', opensAt: new Date('2026-06-02T08:00:00Z') });
    expect(lifecycleActionSchema.safeParse({ action: 'publish' }).success).toBe(false);
  });
});

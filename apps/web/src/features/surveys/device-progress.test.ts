import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunState } from '@quorum/domain/surveys/survey-runner';
import { forgetDeviceProgress, readDeviceProgress, writeDeviceProgress } from './device-progress';

/** The browser's storage, as a plain in-memory Storage (the tests run in Node). */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(name: string) {
    return this.items.get(name) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(name: string) {
    this.items.delete(name);
  }
  setItem(name: string, value: string) {
    this.items.set(name, value);
  }
}

const state: RunState = { page: 'two', history: ['one'], answers: { q1: 'x' }, ending: null, finished: false };

describe('anonymous progress on the device', () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('keeps one random key per survey from the first visit on, before anything is answered', () => {
    const first = readDeviceProgress('s1', 1);
    expect(first.state).toBeNull();
    expect(first.key).toMatch(/^[0-9a-f-]{36}$/);
    // A reload reads the same key; another survey gets its own.
    expect(readDeviceProgress('s1', 1).key).toBe(first.key);
    expect(readDeviceProgress('s2', 1).key).not.toBe(first.key);
  });

  it('keeps the key with the progress, and the key survives a new version (the progress does not)', () => {
    const { key } = readDeviceProgress('s1', 1);
    writeDeviceProgress('s1', 1, { key, state });
    expect(readDeviceProgress('s1', 1)).toEqual({ key, state });
    expect(readDeviceProgress('s1', 2)).toEqual({ key, state: null });
  });

  it('forgets key and progress once the answers are sent', () => {
    const { key } = readDeviceProgress('s1', 1);
    writeDeviceProgress('s1', 1, { key, state });
    forgetDeviceProgress('s1');
    expect(localStorage.length).toBe(0);
    expect(readDeviceProgress('s1', 1).key).not.toBe(key);
  });

  it('still works (one tab only) when storage is blocked or holds garbage', () => {
    localStorage.setItem('quorum.survey.s1', '{not json');
    expect(readDeviceProgress('s1', 1).state).toBeNull();
    Reflect.deleteProperty(globalThis, 'localStorage');
    const blocked = readDeviceProgress('s1', 1);
    expect(blocked).toMatchObject({ state: null });
    expect(blocked.key.length).toBeGreaterThan(0);
  });
});

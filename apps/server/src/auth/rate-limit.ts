import { DomainError } from '@quorum/domain/shared/domain-error';
import { HOUR, MINUTE } from '@quorum/domain/shared/clock';

export interface RateLimitRule {
  /** Namespaces the keys, so one key (an IP) counts separately per rule. */
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts attempts per key within a sliding window. A port, so several processes on one
 * PostgreSQL could share a store later; the in-memory store serves one process.
 */
export interface RateLimiter {
  /** Counts one attempt; false when it exceeds the rule's limit. */
  hit(rule: RateLimitRule, key: string, now: Date): Promise<boolean>;
  /** Whether the key is at its limit, without counting an attempt. */
  isLimited(rule: RateLimitRule, key: string, now: Date): Promise<boolean>;
}

export const rateLimits = {
  signInPerAccount: { name: 'sign-in:account', limit: 10, windowMs: 15 * MINUTE },
  signInPerIp: { name: 'sign-in:ip', limit: 50, windowMs: 15 * MINUTE },
  signUpPerIp: { name: 'sign-up:ip', limit: 10, windowMs: HOUR },
  passwordResetPerIp: { name: 'password-reset:ip', limit: 10, windowMs: 15 * MINUTE },
  passwordResetPerAccount: { name: 'password-reset:account', limit: 3, windowMs: 15 * MINUTE },
  mailPerAccount: { name: 'mail:account', limit: 5, windowMs: HOUR },
} as const satisfies Record<string, RateLimitRule>;

/** Counts an attempt and refuses it with RATE_LIMITED when over the limit. */
export async function enforceRateLimit(limiter: RateLimiter, rule: RateLimitRule, key: string, now: Date): Promise<void> {
  if (!(await limiter.hit(rule, key, now))) throw new DomainError('RATE_LIMITED');
}

export function createMemoryRateLimiter(options: { maxKeys?: number } = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 100_000;
  const hits = new Map<string, number[]>();

  const recent = (rule: RateLimitRule, key: string, now: Date): number[] => {
    const id = `${rule.name}\u0000${key}`;
    const since = now.getTime() - rule.windowMs;
    const kept = (hits.get(id) ?? []).filter((at) => at > since);
    if (kept.length === 0) hits.delete(id);
    else hits.set(id, kept);
    return kept;
  };

  return {
    async hit(rule, key, now) {
      const kept = recent(rule, key, now);
      if (kept.length >= rule.limit) return false;
      // Bounded memory under a flood of distinct keys: forget the oldest entry.
      if (kept.length === 0 && hits.size >= maxKeys) {
        const oldest = hits.keys().next().value;
        if (oldest !== undefined) hits.delete(oldest);
      }
      hits.set(`${rule.name}\u0000${key}`, [...kept, now.getTime()]);
      return true;
    },
    async isLimited(rule, key, now) {
      return recent(rule, key, now).length >= rule.limit;
    },
  };
}

import { DomainError } from '@quorum/domain/shared/domain-error';
import { DAY, HOUR, MINUTE } from '@quorum/domain/shared/clock';

export interface RateLimitRule {
  /** Namespaces the keys, so one key (an IP) counts separately per rule. */
  name: string;
  /** Attempts admitted within the window without delay. */
  limit: number;
  windowMs: number;
  /**
   * Past the limit, without this the key is refused until attempts leave the window. With
   * it, one more attempt is admitted after each pause, the pause doubling up to its
   * maximum: guessing slows down, the key is never shut.
   */
  slowdown?: { baseDelayMs: number; maxDelayMs: number };
}

export type Admission =
  | {
      admitted: true;
      /** Takes the attempt back: it turned out not to count (a correct password, a busy server). */
      release(): Promise<void>;
    }
  | { admitted: false; retryAfterMs: number };

/**
 * Counts attempts per key within a sliding window. `take` decides and counts in one step,
 * before any slow work, so of many attempts at once no more than the rule allows get
 * through. A port: several processes on one PostgreSQL would need a shared store; the
 * in-memory store serves one process (decision 010).
 */
export interface RateLimiter {
  take(rule: RateLimitRule, key: string, now: Date): Promise<Admission>;
}

export const rateLimits = {
  /** Every sign-in attempt from one address, whichever account. */
  signInPerIp: { name: 'sign-in:ip', limit: 50, windowMs: 15 * MINUTE },
  /** Failed sign-ins from one address at one account. */
  signInPerIpAndAccount: { name: 'sign-in:ip+account', limit: 10, windowMs: 15 * MINUTE },
  /**
   * Failed sign-ins at one account from browsers it does not know, from anywhere: a
   * distributed attack is slowed down (1 s, 2 s, 4 s … up to 15 minutes between guesses),
   * never allowed to lock the member out.
   */
  signInPerAccount: {
    name: 'sign-in:account',
    limit: 20,
    windowMs: DAY,
    slowdown: { baseDelayMs: 1_000, maxDelayMs: 15 * MINUTE },
  },
  /** Failed sign-ins from a browser that signed in to the account before. */
  signInPerKnownDevice: { name: 'sign-in:device', limit: 10, windowMs: 15 * MINUTE },
  /** Wrong current passwords while signed in (password or email change, account deletion). */
  reauthPerAccount: { name: 'reauth:account', limit: 10, windowMs: 15 * MINUTE },
  /** The default of SIGN_UPS_PER_ADDRESS_PER_HOUR, which sets the limit (env.ts). */
  signUpPerIp: { name: 'sign-up:ip', limit: 10, windowMs: HOUR },
  passwordResetPerIp: { name: 'password-reset:ip', limit: 10, windowMs: 15 * MINUTE },
  passwordResetPerAccount: { name: 'password-reset:account', limit: 3, windowMs: 15 * MINUTE },
  /** Links that set a password (reset, first admin): every use from one address. */
  passwordLinkPerIp: { name: 'password-link:ip', limit: 10, windowMs: 15 * MINUTE },
  mailPerAccount: { name: 'mail:account', limit: 5, windowMs: HOUR },
  /**
   * Threads, replies and edits by one account, across communities. Each write stores up to
   * 64 KB (an edit keeps the old body too): a person writes a few a minute, a script
   * thousands. Two windows: a burst, and an hour of steady writing.
   */
  postWritesPerMinute: { name: 'post-write:account:minute', limit: 60, windowMs: MINUTE },
  postWritesPerHour: { name: 'post-write:account:hour', limit: 300, windowMs: HOUR },
  /**
   * Consent decisions by one account (privacy center, prompts): each appends to the
   * insert-only ledger, which every later decision reads in full.
   */
  consentDecisionsPerAccount: { name: 'consent-decision:account', limit: 30, windowMs: 10 * MINUTE },
  consentDecisionsPerAccountDay: { name: 'consent-decision:account:day', limit: 100, windowMs: DAY },
  /**
   * Joining, leaving, asking to join and accepting invitations by one account: a leave
   * withdraws the community's purposes and a join grants them, in the insert-only ledger.
   */
  membershipChangesPerAccount: { name: 'membership-change:account', limit: 20, windowMs: HOUR },
  /** Saved progress and submits by one account: one per page turned, far below a script's pace. */
  surveyAnswersPerMinute: { name: 'survey-answer:account', limit: 60, windowMs: MINUTE },
  /** Survey definitions uploaded (create, update) by one account: each up to 500 KB, checked in full. */
  surveyDefinitionsPerAccount: { name: 'survey-definition:account', limit: 30, windowMs: 10 * MINUTE },
} as const satisfies Record<string, RateLimitRule>;

/**
 * The key that limits per address count under: an IPv4 address as it is (also when the
 * socket shows it mapped into IPv6), an IPv6 address by its /64 network — the share one
 * subscriber or server gets, which it can rotate through at will. Anything else as given.
 */
export function rateLimitAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail, ...more] = ip.replace(/%.*$/, '').toLowerCase().split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const [front, back] = [groups(head), groups(tail)];
  const missing = 8 - front.length - back.length;
  if (more.length > 0 || (tail === undefined ? missing !== 0 : missing < 1)) return ip;
  const all = [...front, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...back];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return ip;
  return `${all.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

export function rateLimited(retryAfterMs: number): DomainError {
  return new DomainError('RATE_LIMITED', undefined, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

/**
 * Takes an attempt under each rule, in order. When one refuses, the attempts already
 * taken are given back and RATE_LIMITED says when to try again. Returns a function that
 * gives all of them back.
 */
export async function takeAll(
  limiter: RateLimiter,
  checks: readonly (readonly [RateLimitRule, string])[],
  now: Date,
): Promise<() => Promise<void>> {
  const taken: (() => Promise<void>)[] = [];
  const releaseAll = async () => {
    for (const release of taken.splice(0).reverse()) await release();
  };
  for (const [rule, key] of checks) {
    const admission = await limiter.take(rule, key, now);
    if (!admission.admitted) {
      await releaseAll();
      throw rateLimited(admission.retryAfterMs);
    }
    taken.push(admission.release);
  }
  return releaseAll;
}

/** Counts an attempt and refuses it with RATE_LIMITED when over the limit. */
export async function enforceRateLimit(limiter: RateLimiter, rule: RateLimitRule, key: string, now: Date): Promise<void> {
  await takeAll(limiter, [[rule, key]], now);
}

/** The pause a slowed-down key must leave after its last attempt, with `count` attempts in the window. */
export function slowdownPause(rule: RateLimitRule, count: number): number {
  if (!rule.slowdown || count < rule.limit) return 0;
  const doublings = Math.min(count - rule.limit, 40);
  return Math.min(rule.slowdown.baseDelayMs * 2 ** doublings, rule.slowdown.maxDelayMs);
}

/** When the next attempt may come, given the attempts in the window (oldest first); null: now. */
function refusalOf(rule: RateLimitRule, attempts: readonly number[], now: number): number | null {
  const count = attempts.length;
  if (count < rule.limit) return null;
  if (rule.slowdown) {
    const allowedAt = attempts[count - 1]! + slowdownPause(rule, count);
    return now >= allowedAt ? null : allowedAt - now;
  }
  // Refused until enough attempts have left the window.
  return attempts[count - rule.limit]! + rule.windowMs - now;
}

/** How far eviction looks past keys that hold attempts back before it gives up and takes the oldest. */
const EVICTION_SCAN = 100;

/**
 * Memory is bounded per rule (`maxKeys` each), so a flood of cheap keys under one rule (new
 * addresses cost an attacker nothing) cannot push out another rule's keys, such as an
 * account's slowdown. Beyond capacity the key used longest ago goes, passing over keys
 * that hold attempts back: forgetting one would reset its limit.
 */
export function createMemoryRateLimiter(options: { maxKeys?: number } = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 100_000;
  const rules = new Map<string, Map<string, number[]>>();

  const recent = (hits: Map<string, number[]>, key: string, rule: RateLimitRule, now: number): number[] => {
    const since = now - rule.windowMs;
    const kept = (hits.get(key) ?? []).filter((at) => at > since);
    // Re-inserted at every look, refused or not: the map's order is least recently used first.
    hits.delete(key);
    if (kept.length > 0) hits.set(key, kept);
    return kept;
  };

  const evictOne = (hits: Map<string, number[]>, rule: RateLimitRule, now: number) => {
    let scanned = 0;
    for (const [key, attempts] of hits) {
      const holdsBack = attempts.length >= rule.limit && attempts.at(-1)! > now - rule.windowMs;
      if (!holdsBack || ++scanned >= EVICTION_SCAN) {
        hits.delete(key);
        return;
      }
    }
  };

  return {
    // No await before the decision is stored: one process decides one attempt at a time.
    async take(rule, key, now) {
      let hits = rules.get(rule.name);
      if (!hits) rules.set(rule.name, (hits = new Map()));
      const at = now.getTime();
      const kept = recent(hits, key, rule, at);
      const retryAfterMs = refusalOf(rule, kept, at);
      if (retryAfterMs !== null) return { admitted: false, retryAfterMs };
      hits.delete(key);
      if (hits.size >= maxKeys) evictOne(hits, rule, at);
      hits.set(key, [...kept, at]);
      return {
        admitted: true,
        async release() {
          const current = hits.get(key);
          const index = current?.lastIndexOf(at) ?? -1;
          if (!current || index < 0) return;
          current.splice(index, 1);
          // Attempts given back at once (a correct password, a busy server) leave no key behind.
          if (current.length === 0) hits.delete(key);
        },
      };
    },
  };
}

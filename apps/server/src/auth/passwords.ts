import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

/**
 * argon2id with OWASP's minimum (m=19 MiB, t=2, p=1). `Algorithm` is an ambient const
 * enum, which isolated modules cannot reference, hence the literal.
 */
const argon2Options: Options = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Hashing and checking passwords: slow on purpose, so it runs through a bounded queue. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the time of one real verification, for sign-ins with an unknown email, so
   * response times do not reveal which addresses have accounts.
   */
  verifyNobody(password: string): Promise<false>;
}

/**
 * argon2 runs on libuv's thread pool (4 threads), which file reads share: two hashes at
 * once leave the other threads to serving the app. A few more may wait (about a second's
 * worth); beyond that the queue answers BUSY (503) at once instead of stalling everyone.
 */
export const passwordQueueLimits = { concurrency: 2, maxWaiting: 32 } as const;

export function createPasswordHasher(queue: WorkQueue = createWorkQueue(passwordQueueLimits)): PasswordHasher {
  let dummyHash: Promise<string> | undefined;
  const checked = async (passwordHash: string, password: string) => {
    try {
      return await verify(passwordHash, password, argon2Options);
    } catch {
      return false; // a malformed stored hash never signs anybody in
    }
  };
  return {
    hash: (password) => queue.run(() => hash(password, argon2Options)),
    verify: (passwordHash, password) => queue.run(() => checked(passwordHash, password)),
    async verifyNobody(password) {
      dummyHash ??= hash('quorum-dummy-password-for-timing', argon2Options);
      const stored = await dummyHash;
      await queue.run(() => checked(stored, password));
      return false;
    },
  };
}

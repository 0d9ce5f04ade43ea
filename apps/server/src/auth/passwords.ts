import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

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

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, argon2Options);
  } catch {
    return false; // a malformed stored hash never signs anybody in
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one real verification, for sign-ins with an unknown email, so
 * response times do not reveal which addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('quorum-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

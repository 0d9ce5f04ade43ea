import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { pino } from 'pino';
import { fixedClock } from '@quorum/domain/shared/clock';
import type { Locale } from '@quorum/domain/shared/locale';
import type { QuorumDatabase } from '@quorum/db/connect';
import { createPasswordHasher, type PasswordHasher } from '../auth/passwords.js';
import { createMemoryRateLimiter } from '../auth/rate-limit.js';
import { deviceCookieName } from '../auth/sessions.js';
import { issueSetupLink } from '../auth/setup-link.js';
import { createContextInner, type AppServices } from '../context.js';
import { createBatchedReadMarks } from '../discussions/batched-read-marks.js';
import { parseEnv } from '../env.js';
import { newId } from '../ids.js';
import { createSmtpMailer } from '../mail/mailer.js';
import { seedPolicyTexts } from '../privacy/seed-policy-texts.js';
import { appRouter } from '../routers/_app.js';
import { createLocalFileStorage } from '../storage/local-file-storage.js';
import { createCallerFactory, errorData } from '../trpc.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

export const TEST_PUBLIC_URL = 'http://quorum.test';
export const TEST_PASSWORD = 'correct horse battery staple';

const createCaller = createCallerFactory(appRouter);

export type TestClock = ReturnType<typeof fixedClock>;

export interface TestClient {
  /** Calls procedures as one browser would: its cookie, its IP, the CSRF header. */
  api: ReturnType<typeof createCaller>;
  /** The session token the last Set-Cookie left in this "browser" (null when cleared). */
  sessionToken: string | null;
  /** The device cookie's token: set once this browser signed in successfully. */
  deviceToken: string | null;
}

/** What a sign-up form sends besides the account: age confirmed, the current terms accepted. */
export interface SignUpAgreements {
  minimumAgeConfirmed: true;
  termsAccepted: { policyTextId: string; textHash: string };
}

export interface TestApp {
  db: QuorumDatabase;
  /** The default texts are seeded as at start; these accept the current English terms. */
  agreements(): Promise<SignUpAgreements>;
  services: AppServices & { clock: TestClock };
  smtp: SmtpCapture;
  /** A new "browser"; `deviceToken` lets a test move a browser's device cookie to another address. */
  client(options?: { ip?: string; csrfHeader?: string | null; origin?: string | null; deviceToken?: string | null }): TestClient;
  /** A new account, signed in, with its verification mail already taken from the outbox. */
  signedUp(email: string, options?: { displayName?: string; locale?: Locale }): Promise<TestClient>;
  /** A new instance admin made through a setup link, signed in. */
  admin(email?: string): Promise<TestClient>;
  close(): Promise<void>;
}

let ipCounter = 0;
/** A distinct documentation-range address per client, so rate limits do not collide. */
const nextIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

export async function createTestApp(
  db: QuorumDatabase,
  options: { env?: Record<string, string>; passwords?: PasswordHasher } = {},
): Promise<TestApp> {
  const smtp = await startSmtpCapture();
  // Each app its own data folder (export files); removed on close.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'quorum-test-data-'));
  const env = parseEnv({
    DATA_DIR: dataDir,
    PUBLIC_URL: TEST_PUBLIC_URL,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = pino({ level: 'silent' });
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const services = {
    db,
    env,
    clock,
    newId,
    logger,
    mailer: createSmtpMailer(env.smtp!, env.mailFrom),
    rateLimiter: createMemoryRateLimiter(),
    files: createLocalFileStorage(path.join(env.dataDir, 'files')),
    passwords: options.passwords ?? createPasswordHasher(),
    readMarks: createBatchedReadMarks(db, clock, logger),
  };

  const client: TestApp['client'] = (request = {}) => {
    const ip = request.ip ?? nextIp();
    const state: TestClient = {
      sessionToken: null,
      deviceToken: request.deviceToken ?? null,
      api: createCaller(() =>
        createContextInner(services, {
          sessionToken: state.sessionToken,
          deviceToken: state.deviceToken,
          ip,
          csrfHeader: request.csrfHeader === undefined ? '1' : request.csrfHeader,
          origin: request.origin ?? null,
          setCookie: (cookie) => {
            const [, name, value] = /^([^=]+)=([^;]*)/.exec(cookie) ?? [];
            if (name === deviceCookieName(env)) state.deviceToken = value ? value : null;
            else state.sessionToken = value ? value : null;
          },
        }),
      ),
    };
    return state;
  };

  await seedPolicyTexts(services);

  let accountCounter = 0;
  const app: TestApp = {
    db,
    async agreements() {
      const terms = await db.repositories.policyTexts.findCurrent(null, 'terms', 'en');
      return { minimumAgeConfirmed: true, termsAccepted: { policyTextId: terms!.id, textHash: terms!.bodyHash } };
    },
    services,
    smtp,
    client,
    async signedUp(email, extra = {}) {
      const browser = client();
      await browser.api.auth.signUp({
        email,
        password: TEST_PASSWORD,
        displayName: extra.displayName ?? `Person ${++accountCounter}`,
        locale: extra.locale ?? 'en',
        ...(await app.agreements()),
      });
      await smtp.next(email.toLowerCase());
      return browser;
    },
    async admin(email = 'admin@example.org') {
      // As `quorum admin create` does: a link that works whether or not an admin exists.
      const link = await issueSetupLink(db, services.clock, env.publicUrl, 'another-admin');
      const browser = client();
      await browser.api.auth.completeSetup({
        token: new URL(link).searchParams.get('token')!,
        email,
        password: TEST_PASSWORD,
        displayName: 'Admin',
        locale: 'en',
      });
      await smtp.next(email);
      return browser;
    },
    async close() {
      services.mailer.close();
      await services.readMarks.close();
      await smtp.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** The failure a call ends with, as the web would see it in `error.data`. */
export async function failureOf(call: Promise<unknown>): Promise<ReturnType<typeof errorData> & { code: TRPCError['code'] }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, ...errorData(error) };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

export function tokenOf(link: string): string {
  const url = new URL(link);
  return url.searchParams.get('token') ?? url.pathname.split('/').at(-1)!;
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { rateLimits } from './auth/rate-limit.js';

/**
 * The server's whole configuration, parsed once at start-up. This is the only module
 * that reads process.env; everything else receives the parsed `Env`.
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const wholeNumber = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int({ error: 'expected a port number' })
  .min(0, { error: 'expected a port number between 0 and 65535' })
  .max(65_535, { error: 'expected a port number between 0 and 65535' });

const publicUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
  .refine((value) => ['/', ''].includes(new URL(value).pathname) && !new URL(value).search, {
    error: 'expected an origin without a path, e.g. https://community.example.com',
  })
  .transform((value) => new URL(value).origin);

const rawEnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z.string().min(1).optional(),
  PUBLIC_URL: publicUrl.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.optional(),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).optional(),
  COMMUNITY_CREATION: z.enum(['admins', 'everyone'], { error: 'expected admins or everyone' }).default('admins'),
  SIGN_UPS_PER_ADDRESS_PER_HOUR: wholeNumber(1, 100_000).default(rateLimits.signUpPerIp.limit),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  WEB_DIST_DIR: z.string().min(1).optional(),
});

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
}

export interface Env {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  /** Origin only (scheme, host, port), no trailing slash. */
  publicUrl: string;
  /** Whether PUBLIC_URL was set; until it is, mail links point to localhost (main.ts warns). */
  publicUrlSet: boolean;
  /** https → Secure cookies with the __Host- prefix, and HSTS. */
  secureCookies: boolean;
  trustProxy: boolean;
  smtp: SmtpSettings | null;
  mailFrom: string;
  communityCreation: 'admins' | 'everyone';
  /** New accounts one address may create an hour (a sign-up event on one Wi-Fi needs more). */
  signUpsPerAddressPerHour: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  webDistDir: string;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** apps/web/dist, seen from src/env.ts (tsx) or dist/main.js (bundle): both sit two levels below apps/. */
function defaultWebDistDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  // Empty values (common in compose files) count as unset.
  const present = Object.fromEntries(
    Object.keys(rawEnvSchema.shape).flatMap((key) => {
      const value = source[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = rawEnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  if (raw.SMTP_USER && !raw.SMTP_PASSWORD) problems.push('SMTP_PASSWORD: required when SMTP_USER is set');
  if ((raw.SMTP_PORT || raw.SMTP_USER) && !raw.SMTP_HOST) problems.push('SMTP_HOST: required when other SMTP_* are set');
  if (problems.length > 0) throw new EnvError(problems);

  const dataDir = path.resolve(raw.DATA_DIR);
  const publicUrlValue = raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`;
  const smtp: SmtpSettings | null = raw.SMTP_HOST
    ? {
        host: raw.SMTP_HOST,
        port: raw.SMTP_PORT ?? (raw.SMTP_SECURE ? 465 : 587),
        secure: raw.SMTP_SECURE,
        auth: raw.SMTP_USER && raw.SMTP_PASSWORD ? { user: raw.SMTP_USER, pass: raw.SMTP_PASSWORD } : undefined,
      }
    : null;
  return {
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    databaseUrl: raw.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'quorum.db')}`,
    publicUrl: publicUrlValue,
    publicUrlSet: raw.PUBLIC_URL !== undefined,
    secureCookies: publicUrlValue.startsWith('https:'),
    trustProxy: raw.TRUST_PROXY,
    smtp,
    mailFrom: raw.MAIL_FROM ?? `Quorum <no-reply@${new URL(publicUrlValue).hostname}>`,
    communityCreation: raw.COMMUNITY_CREATION,
    signUpsPerAddressPerHour: raw.SIGN_UPS_PER_ADDRESS_PER_HOUR,
    logLevel: raw.LOG_LEVEL,
    webDistDir: raw.WEB_DIST_DIR ? path.resolve(raw.WEB_DIST_DIR) : defaultWebDistDir(),
  };
}

/** Whether mails leave the machine (SMTP) or only go to the log. */
export function mailDelivery(env: Pick<Env, 'smtp'>): 'smtp' | 'log' {
  return env.smtp ? 'smtp' : 'log';
}

/** Reads the process environment; call once, at start-up. */
export function loadEnv(): Env {
  return parseEnv(process.env);
}

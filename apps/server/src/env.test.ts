import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

describe('parseEnv', () => {
  it('fills every default from an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: path.resolve('.data'),
      databaseUrl: `sqlite:${path.resolve('.data', 'quorum.db')}`,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      trustProxy: false,
      smtp: null,
      communityCreation: 'admins',
      logLevel: 'info',
    });
    expect(env.webDistDir.endsWith(path.join('apps', 'web', 'dist'))).toBe(true);
  });

  it('reads every variable', () => {
    const env = parseEnv({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/quorum',
      DATABASE_URL: 'postgres://q:q@db/quorum',
      PUBLIC_URL: 'https://community.example.com/',
      TRUST_PROXY: 'true',
      SMTP_HOST: 'mail.example.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'quorum',
      SMTP_PASSWORD: 'secret',
      MAIL_FROM: 'Community <hello@example.com>',
      COMMUNITY_CREATION: 'everyone',
      SIGN_UPS_PER_ADDRESS_PER_HOUR: '50',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: '/srv/web',
    });
    expect(env).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/quorum',
      databaseUrl: 'postgres://q:q@db/quorum',
      publicUrl: 'https://community.example.com',
      publicUrlSet: true,
      secureCookies: true,
      trustProxy: true,
      smtp: { host: 'mail.example.com', port: 465, secure: true, auth: { user: 'quorum', pass: 'secret' } },
      mailFrom: 'Community <hello@example.com>',
      communityCreation: 'everyone',
      signUpsPerAddressPerHour: 50,
      logLevel: 'warn',
      webDistDir: '/srv/web',
    });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ PORT: '', SMTP_HOST: '  ' })).toMatchObject({ port: 3000, smtp: null });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'ftp://example.com' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://example.com/community' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ COMMUNITY_CREATION: 'nobody' }, 'COMMUNITY_CREATION'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SIGN_UPS_PER_ADDRESS_PER_HOUR: '0' }, 'SIGN_UPS_PER_ADDRESS_PER_HOUR'],
    [{ SIGN_UPS_PER_ADDRESS_PER_HOUR: 'many' }, 'SIGN_UPS_PER_ADDRESS_PER_HOUR'],
    [{ SMTP_USER: 'u', SMTP_HOST: 'h' }, 'SMTP_PASSWORD'],
    [{ SMTP_PORT: '25' }, 'SMTP_HOST'],
  ])('stops on %o naming %s', (source, variable) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`^Invalid configuration:\\n  - ${variable}: `));
  });
});

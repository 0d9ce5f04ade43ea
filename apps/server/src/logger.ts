import { pino, type Logger } from 'pino';
import type { Env } from './env.js';

export type { Logger };

export function createLogger(level: Env['logLevel']): Logger {
  return pino({ level, base: { service: 'quorum' }, redact: ['password', '*.password', '*.token'] });
}

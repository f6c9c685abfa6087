/**
 * Main-process logging: one pino root, a child per module (`log.scope('outbox')`).
 *
 * Secrets are removed here, centrally, twice over: pino's `redact` drops known keys, and
 * `scrubSecrets` rewrites Authorization values and `password=` pairs that end up inside
 * free-text messages (server error texts, URLs, exception messages).
 */
import pino, { type Logger } from 'pino';

const redactedKeys = [
  'password',
  'token',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.password',
  '*.token',
  '*.authorization',
  '*.Authorization',
];

const secretPatterns: [RegExp, string][] = [
  [/\bBasic\s+[A-Za-z0-9+/=]{6,}/g, 'Basic [redacted]'],
  // A token has at least one digit, which keeps "Token expired" readable.
  [/\b(Bearer|Token)\s+(?=[A-Za-z0-9+/=._~-]*\d)[A-Za-z0-9+/=._~-]{6,}/g, '$1 [redacted]'],
  [/(password|passwd|pwd|token)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1$2[redacted]'],
];

/** Replaces credentials that appear inside free text. */
export function scrubSecrets(text: string): string {
  return secretPatterns.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}

export interface ScopedLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

// Until the shell points it at a file, logs go to stderr so command-line tools keep stdout
// for their own figures.
let root: Logger = pino(
  {
    level: process.env.DIALER_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    redact: { paths: redactedKeys, censor: '[redacted]' },
  },
  pino.destination(2),
);

/** Changes how much is logged from now on (the soak and demo commands keep to warnings). */
export function setLogLevel(level: string): void {
  root.level = level;
}

/** Sends all logs to `file` (the shell calls this once with the user-data log folder). */
export function logToFile(file: string, level = 'info'): void {
  root = pino(
    { level, redact: { paths: redactedKeys, censor: '[redacted]' } },
    pino.destination({ dest: file, mkdir: true, sync: false }),
  );
}

function write(level: 'debug' | 'info' | 'warn' | 'error', scope: string) {
  return (message: string, fields: Record<string, unknown> = {}) => {
    const safeFields = JSON.parse(scrubSecrets(JSON.stringify(fields))) as Record<string, unknown>;

    root[level]({ scope, ...safeFields }, scrubSecrets(message));
  };
}

export const log = {
  scope(name: string): ScopedLogger {
    return {
      debug: write('debug', name),
      info: write('info', name),
      warn: write('warn', name),
      error: write('error', name),
    };
  },
};

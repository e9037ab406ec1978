// Structured logs (pino, JSON lines on stderr). Secrets are redacted wherever they might appear, and
// request bodies are never logged.
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child' | 'isLevelEnabled'>;

export const REDACTED_PATHS = [
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.password', '*.appPassword', '*.secret',
  '*.refreshToken', '*.botRefreshToken', '*.clientSecret', '*.stateSecret', '*.client_secret', '*.refresh_token', '*.access_token',
  '*.authorization', '*.headers.authorization', '*.headers["x-slack-signature"]', 'config.slack', 'config.teams',
];

/** A wall's secret address in a log line (a Web API client logging the reply that gives it out). */
const WALL_ADDRESS = /\/wall\/[A-Za-z0-9_-]{43}/g;

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info', base: { app: 'support-coach' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a: unknown) => (typeof a === 'string' ? a.replace(WALL_ADDRESS, '/wall/[redacted]') : a)) as Parameters<typeof method>);
        },
      },
    },
    (options.destination ?? process.stderr) as NodeJS.WritableStream & { write: (s: string) => boolean },
  );
}

/** For the terminal and tests: nothing is printed. */
export const silentLogger: Logger = pino({ level: 'silent' });

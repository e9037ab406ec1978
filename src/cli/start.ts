// `coach start` (what `npm start` runs) and `coach shell`: validate configuration and content, then
// open the terminal chat. Slack and Teams servers take over here once their credentials are set.
import { userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { runShell } from '../adapters/terminal/shell.js';
import { ContentError, buildCoach, type Coach } from '../app/build-coach.js';
import { loadConfig, type Config } from '../config.js';
import type { Io } from './io.js';

export interface StartIo extends Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
}

/** Configuration and content, or the reason the coach cannot start (already printed). */
export function prepare(io: Io): { config: Config; coach: Coach } | null {
  const configResult = loadConfig(io.env);
  if (!configResult.ok) {
    io.err(`Support Coach cannot start: the configuration is invalid.\n${configResult.errors.map((e) => `  ${e}\n`).join('')}`);
    return null;
  }
  const { config } = configResult;
  try {
    return { config, coach: buildCoach(config) };
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    for (const line of err.lines) io.err(line + '\n');
    io.err(`Support Coach cannot start: the content in ${config.contentDir} has errors (listed above). Fix them, then check with \`npx coach lint-content\`.\n`);
    return null;
  }
}

export async function start(args: string[], io: StartIo): Promise<number> {
  if (args.length > 0) {
    io.err('usage: coach start | coach shell   (configured by environment variables, see .env.example)\n');
    return 2;
  }
  const ready = prepare(io);
  if (!ready) return 1;
  const { coach, config } = ready;
  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const welcome = config.defaultLang === 'fr'
    ? `Support Coach · ${coach.library.playbooks.length} playbooks. Essayez /playbook panne, /playbook client fâché ou décrivez une situation. /coach help pour l’aide, /coach lang en for English, /quit pour quitter.`
    : `Support Coach · ${coach.library.playbooks.length} playbooks. Try /playbook outage, /playbook angry user, or describe a situation. /coach help for help, /coach lang fr pour le français, /quit to leave.`;
  await runShell({
    engine: coach.engine,
    input: io.stdin,
    output: io.stdout,
    interactive,
    color: interactive && !io.env.NO_COLOR,
    width: interactive ? Math.min(io.stdout.columns ?? 80, 100) : 0,
    user: safeUser(),
    welcome,
  });
  return 0;
}

function safeUser(): string {
  try {
    return userInfo().username || 'local-user';
  } catch {
    return 'local-user';
  }
}

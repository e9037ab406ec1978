// `coach start` (what `npm start` runs) and `coach shell`: validate configuration and content, then
// open the terminal chat. Slack and Teams servers take over here once their credentials are set.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { runShell } from '../adapters/terminal/shell.js';
import { ContentError, buildCoach, type Coach } from '../app/build-coach.js';
import { openServedCoach, type ServedCoach } from '../app/open-coach.js';
import { loadConfig, type Config } from '../config.js';
import { openRehearsal, type RehearsalRoom } from '../app/rehearsal.js';
import { createLogger } from '../app/logger.js';
import { serve } from '../app/serve.js';
import { startWebServer, type WebServer } from '../web/web-server.js';
import { SlackRefusedError } from '../adapters/slack/connect.js';
import { StoreOpenError } from '../store/index.js';
import type { Io } from './io.js';

export interface StartIo extends Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
}

function readConfig(io: Io): Config | null {
  const configResult = loadConfig(io.env);
  if (configResult.ok) return configResult.config;
  io.err(`Support Coach cannot start: the configuration is invalid.\n${configResult.errors.map((e) => `  ${e}\n`).join('')}`);
  return null;
}

function reportContentError(err: unknown, config: Config, io: Io): null {
  if (!(err instanceof ContentError)) throw err;
  for (const line of err.lines) io.err(line + '\n');
  io.err(`Support Coach cannot start: the content in ${config.contentDir} has errors (listed above). Fix them, then check with \`npx coach lint-content\`.\n`);
  return null;
}

/** Configuration and content, without the store: for stateless commands (route, grade). */
export function prepare(io: Io): { config: Config; coach: Coach } | null {
  const config = readConfig(io);
  if (!config) return null;
  try {
    return { config, coach: buildCoach(config) };
  } catch (err) {
    return reportContentError(err, config, io);
  }
}

/** Everything a running coach needs, store included, or null with the reason printed. */
async function openRunning(io: Io, config: Config, options: Parameters<typeof openServedCoach>[1]): Promise<ServedCoach | null> {
  try {
    return await openServedCoach(config, options);
  } catch (err) {
    if (err instanceof StoreOpenError) {
      io.err(`${err.message}\n`);
      return null;
    }
    return reportContentError(err, config, io);
  }
}

const hasPlatform = (config: Config) => Boolean(config.slack || config.teams);

/** `coach start` (what `npm start` runs): the server when platform credentials are set, else the terminal chat. */
export async function start(args: string[], io: StartIo): Promise<number> {
  if (args.length > 0) return usage(io, 'coach start');
  const config = readConfig(io);
  if (!config) return 1;
  return hasPlatform(config) ? runServer(config, io) : runTerminal(config, io);
}

/** `coach shell`: always the terminal chat, whatever credentials are set. */
export async function shellCommand(args: string[], io: StartIo): Promise<number> {
  if (args.length > 0) return usage(io, 'coach shell');
  const config = readConfig(io);
  return config ? runTerminal(config, io) : 1;
}

/** `coach serve`: the Slack and Teams server, until SIGTERM or SIGINT. */
export async function serveCommand(args: string[], io: StartIo): Promise<number> {
  if (args.length > 0) return usage(io, 'coach serve');
  const config = readConfig(io);
  if (!config) return 1;
  if (!hasPlatform(config)) {
    io.err('coach serve: no platform credentials are set (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN; MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or TEAMS_ALLOW_ANONYMOUS=true for the Emulator). See the README.\n');
    return 1;
  }
  return runServer(config, io);
}

function usage(io: Io, command: string): number {
  io.err(`usage: ${command}   (configured by environment variables, see .env.example)\n`);
  return 2;
}

async function runTerminal(config: Config, io: StartIo): Promise<number> {
  const user = safeUser();
  const coach = await openRunning(io, config, { localAdmin: user });
  if (!coach) return 1;
  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  // The terminal is one local team: its channel gets the daily challenge on the default schedule.
  await coach.port.workspace('local').updateChannel('terminal', (channel) => {
    channel.name = 'terminal';
    channel.platform = 'terminal';
    if (channel.scheduledSince === undefined) channel.scheduledSince = coach.clock.now().toISOString();
  });
  let room: RehearsalRoom | null = null;
  // With COACH_BASE_URL set, the wall and the playbook pages are served beside the chat (issue 15).
  const web = config.baseUrl ? await startTerminalWeb(config, coach, io) : null;
  const closeAll = async () => {
    await web?.stop();
    await room?.close();
    await coach.close();
  };
  const stop = () => void closeAll().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const welcome = config.defaultLang === 'fr'
    ? `Support Coach · ${coach.library.playbooks.length} playbooks, ${coach.library.scenarios.length} défis. Essayez /playbook panne, /playbook client fâché ou décrivez une situation; /coach post pour un défi, /leaderboard; /incident drill pour un exercice de panne; /as NOM et /clock +1d pour répéter une semaine. /coach help pour l’aide, /coach lang en for English, /quit pour quitter.`
    : `Support Coach · ${coach.library.playbooks.length} playbooks, ${coach.library.scenarios.length} challenges. Try /playbook outage, /playbook angry user, or describe a situation; /coach post for a challenge, /leaderboard; /incident drill for an outage drill; /as NAME and /clock +1d to rehearse a week. /coach help for help, /coach lang fr pour le français, /quit to leave.`;
  // A challenge left in the future by a rehearsal of an older version: say so before anything else.
  const future = await coach.commands.futureNotice({ workspace: 'local', channel: 'terminal' }, config.defaultLang);
  await runShell({
    engine: coach.engine,
    input: io.stdin,
    output: io.stdout,
    interactive,
    color: interactive && !io.env.NO_COLOR,
    width: interactive ? Math.min(io.stdout.columns ?? 80, 100) : 0,
    user,
    welcome: future ? `${welcome}\n\n${future}` : welcome,
    scenarios: coach.library.scenarios.length,
    rehearsal: {
      now: () => coach.clock.now(),
      tick: (now) => coach.scheduler.tickAll(now, new Set(['terminal'])),
      open: async (at) => (room = await openRehearsal(config, coach, at, user)),
      ...(config.rehearsalFile ? { keptIn: config.rehearsalFile, resume: existsSync(`${config.rehearsalFile}.clock`) } : {}),
      timeZone: config.timezone,
      lang: config.defaultLang,
    },
  });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await closeAll();
  return 0;
}

/** The web pages on HOST:PORT beside the terminal chat; when the port is taken, the chat goes on without them. */
async function startTerminalWeb(config: Config, coach: ServedCoach, io: StartIo): Promise<WebServer | null> {
  try {
    const web = await startWebServer(config, coach, createLogger({ level: 'warn' }));
    io.err(`Web pages (wall, playbooks) served on http://${web.address.host}:${web.address.port}, published as ${config.baseUrl}\n`);
    return web;
  } catch (err) {
    io.err(`The wall and playbook pages are off: cannot listen on ${config.host}:${config.port} (${(err as Error).message}).\n`);
    return null;
  }
}

async function runServer(config: Config, io: StartIo): Promise<number> {
  const coach = await openRunning(io, config, {});
  if (!coach) return 1;
  const logger = createLogger();
  logger.info({ store: coach.backend, ...(coach.migrated ? { migrationsApplied: coach.migrated.applied, schema: coach.migrated.current.at(-1) } : {}) }, 'store open');
  let running;
  try {
    running = await serve(config, coach, logger);
  } catch (err) {
    // A token Slack refused was already explained in one line (app/serve.ts).
    if (!(err instanceof SlackRefusedError)) logger.error({ err }, 'could not start');
    await coach.close();
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      void running.stop().finally(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
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

// Serving Slack, Teams and the web pages from one HTTP server: routes, the scheduler loop, and a clean
// stop (the store flushed) on SIGTERM. The server listens and serves Teams at once; Slack joins once it
// answered auth.test. The start waits for it at most COACH_STARTUP_TIMEOUT_SECONDS, then goes on degraded
// with one clear error line while Slack is tried again in the background; /healthz says what it waits for.
import { createSlackApp, type SlackApp } from '../adapters/slack/slack-app.js';
import type { TeamsApp } from '../adapters/teams/teams-app.js';
import { ChannelListener } from '../core/channel-listener.js';
import { slackWorkspaces, type Config } from '../config.js';
import { HttpServer, type RouteHandler } from '../server/http-server.js';
import { redactPath } from '../web/web-pages.js';
import { createWebPages, type WebOptions } from '../web/web-server.js';
import { SlackRefusedError } from '../adapters/slack/connect.js';
import { Readiness } from './readiness.js';
import { withStoreHealth } from './store-health.js';
import type { Logger } from './logger.js';
import type { SurfaceDeps } from '../adapters/surface-deps.js';
import type { ServedCoach } from './open-coach.js';
import { postLoop } from './post-loop.js';
import { INCIDENT_PLAYBOOK } from '../content/incident-content.js';
import { dirname, join } from 'node:path';
import { ChartImages, redactChartPath } from '../server/chart-images.js';

export const SCHEDULER_INTERVAL_MS = 30_000;

export interface RunningServer {
  address: { host: string; port: number };
  slack?: SlackApp;
  teams?: TeamsApp;
  /** Runs the scheduler once now (tests and the interval use it). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export async function serve(config: Config, coach: ServedCoach, logger: Logger, web: WebOptions = {}): Promise<RunningServer> {
  const listener = new ChannelListener(coach.library, coach.router, coach.port, config.defaultLang, () => coach.clock.now().getTime(), coach.incidents ? INCIDENT_PLAYBOOK : undefined);
  // The weekly recap's chart for Teams cards: served under an unguessable, expiring address (issue 14).
  const charts = new ChartImages({ dir: join(dirname(config.dataFile), 'charts'), ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}), clock: coach.clock });
  const surface: SurfaceDeps = {
    engine: coach.engine, commands: coach.commands, listener, library: coach.library, port: coach.port,
    clock: coach.clock, timeZone: config.timezone, logger, ...(coach.incidents ? { incidents: coach.incidents } : {}), charts,
  };
  const routes: Record<string, RouteHandler> = {};
  let slack: SlackApp | undefined;
  if (config.slack) {
    slack = createSlackApp(config.slack, {
      ...surface, ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
      ...(config.slack.oauth ? { installations: coach.installations, installers: coach.installers, ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) } : {}),
    });
    if (slack.httpHandler) routes['/slack/events'] = slack.httpHandler;
  }
  let teams: TeamsApp | undefined;
  if (config.teams) {
    // Loaded only when configured: botbuilder costs ~650 ms at start.
    const { createTeamsApp } = await import('../adapters/teams/teams-app.js');
    teams = createTeamsApp(config.teams, surface);
    routes['/api/messages'] = teams.httpHandler;
    if (config.teams.anonymous) {
      logger.warn('TEAMS_ALLOW_ANONYMOUS is on: /api/messages accepts unauthenticated activities (Bot Framework Emulator), from loopback serviceUrls only. For development only: never expose this server.');
    }
  }
  const pages = createWebPages(config, coach, logger, web);
  const readiness = new Readiness();
  const server = new HttpServer({
    host: config.host, port: config.port, logger, routes, ...(slack?.getRoutes ? { getRoutes: slack.getRoutes } : {}), health: () => withStoreHealth(readiness.report(), coach.port, config.databaseUrl ? 'postgresql' : 'json'),
    pages: { handle: (req, res, path) => charts.handle(req, res, path) || pages.handle(req, res, path) },
    redactPath: (path) => redactChartPath(redactPath(path)),
  });
  const address = await server.listen();
  // Every route opens now: a platform still connecting (Slack) answers 503 on its own route only.
  server.markReady();
  if (teams) readiness.ready('teams');
  const mode = {
    slack: slack ? (config.slack?.appToken ? 'socket-mode' : 'http') : 'off', slackWorkspaces: slackWorkspaces(config),
    teams: teams ? (config.teams?.anonymous ? 'anonymous' : 'on') : 'off',
  };
  if (config.slack?.oauth) {
    const base = config.baseUrl ?? `http://${address.host}:${address.port}`;
    logger.info({ install: `${base}/slack/install`, redirect: `${base}/slack/oauth_redirect`, clientId: config.slack.oauth.clientId },
      `Slack: many workspaces (OAuth): each workspace installs the app at ${base}/slack/install; Slack's redirect URL must be ${base}/slack/oauth_redirect${config.baseUrl ? '' : ' (set COACH_BASE_URL to the public address)'}.`);
  } else if (config.slack) {
    logger.info('Slack: one workspace (SLACK_BOT_TOKEN).');
  }
  logger.info({ host: address.host, port: address.port, ...mode }, 'support coach listening');
  const ready = () => logger.info({ host: address.host, port: address.port, ...mode }, 'support coach ready');
  // The draft review's classifiers are trained once, just after start, not during someone's first review.
  setImmediate(() => coach.reviewer.warm());
  // The scheduler's state changes run one tick at a time; deliveries run on their own (post-loop.ts).
  const platforms = new Set([...(slack ? ['slack'] : []), ...(teams ? ['teams'] : [])]);
  const posts = postLoop({
    scheduler: coach.scheduler, now: () => coach.clock.now(), platforms, logger,
    deliver: async (out) => {
      if (out.platform === 'slack' && slack) await slack.deliver(out);
      if (out.platform === 'teams' && teams) await teams.deliver(out);
    },
  });
  const tick = () => posts.tick();
  const timer = setInterval(() => void tick(), SCHEDULER_INTERVAL_MS);
  timer.unref();

  if (slack) {
    try {
      await startSlack(slack, config, readiness, logger, Boolean(teams), ready);
    } catch (err) {
      clearInterval(timer);
      await server.close();
      throw err;
    }
  } else {
    ready();
  }

  return {
    address,
    ...(slack ? { slack } : {}),
    ...(teams ? { teams } : {}),
    async tick() {
      await tick();
      await posts.idle();
    },
    async stop() {
      clearInterval(timer);
      // A Slack connection still being tried is given up first (posts waiting for it fail at once).
      await slack?.stop();
      // In-flight posts get a few seconds to finish; the store is flushed whatever happens.
      await Promise.race([posts.idle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      pages.close(); // open walls' streams would otherwise hold the server open
      await server.close();
      await coach.close();
      logger.info('support coach stopped');
    },
  };
}

/**
 * Starts Slack, waiting at most `config.startupTimeoutMs`. Slack refusing the token (a configuration
 * error) stops the start when Slack is the only platform, else leaves Slack off with one error line.
 * Slack unreachable: one error line at the bound, and Slack joins when it answers (one info line).
 */
async function startSlack(slack: SlackApp, config: Config, readiness: Readiness, logger: Logger, others: boolean, ready: () => void): Promise<void> {
  const part = 'slack';
  readiness.waitFor(part, () => slack.waitingFor);
  const began = Date.now();
  let late = false;
  const connected = slack.start().then(
    () => {
      readiness.ready(part);
      if (late) logger.info({ afterMs: Date.now() - began }, 'slack connected: Slack requests are served again');
      if (readiness.waiting().length === 0) ready();
      return true;
    },
    (err: unknown) => {
      if (!(err instanceof SlackRefusedError)) return false; // stopped
      readiness.fail(part, err.message);
      logger.error({ slackError: err.slackError }, `${err.message}: check SLACK_BOT_TOKEN (the app's Bot User OAuth Token). Slack stays off until the coach is restarted${others ? '; Teams keeps serving' : ''}.`);
      if (!others && !late) throw err;
      return false;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), config.startupTimeoutMs);
  });
  try {
    const first = await Promise.race([connected, bound]);
    if (first !== 'late') return;
  } finally {
    clearTimeout(timer);
  }
  late = true;
  readiness.startupOver();
  const api = config.slack?.apiUrl ?? 'https://slack.com/api/';
  logger.error(
    { waiting: readiness.waiting(), afterMs: config.startupTimeoutMs, slackApi: api },
    `Slack did not answer within ${config.startupTimeoutMs / 1000} s (${slack.waitingFor} at ${api}): going on without it. Slack requests get 503 until it answers; it is tried again in the background${others ? '; Teams keeps serving' : ''}. Check this server's route to Slack (DNS, firewall, proxy).`,
  );
  void connected.catch(() => undefined);
}

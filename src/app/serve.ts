// Serving Slack and Teams from one HTTP server: routes, the scheduler loop, and a clean stop (the store
// flushed) on SIGTERM.
import { createSlackApp, type SlackApp } from '../adapters/slack/slack-app.js';
import type { TeamsApp } from '../adapters/teams/teams-app.js';
import { ChannelListener } from '../core/channel-listener.js';
import type { Config } from '../config.js';
import { HttpServer, type RouteHandler } from '../server/http-server.js';
import type { Logger } from './logger.js';
import type { SurfaceDeps } from '../adapters/surface-deps.js';
import type { OpenCoach } from './open-coach.js';
import type { Outgoing } from './scheduler.js';

export const SCHEDULER_INTERVAL_MS = 30_000;

export interface RunningServer {
  address: { host: string; port: number };
  slack?: SlackApp;
  teams?: TeamsApp;
  /** Runs the scheduler once now (tests and the interval use it). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export async function serve(config: Config, coach: OpenCoach, logger: Logger): Promise<RunningServer> {
  const listener = new ChannelListener(coach.library, coach.router, coach.stores, config.defaultLang, () => coach.clock.now().getTime());
  const surface: SurfaceDeps = {
    engine: coach.engine, commands: coach.commands, listener, library: coach.library, stores: coach.stores,
    clock: coach.clock, timeZone: config.timezone, logger,
  };
  const routes: Record<string, RouteHandler> = {};
  let slack: SlackApp | undefined;
  if (config.slack) {
    slack = createSlackApp(config.slack, { ...surface, ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}) });
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
  const server = new HttpServer({ host: config.host, port: config.port, logger, routes });
  const address = await server.listen();
  await slack?.start();
  server.markReady();
  // The draft review's classifiers are trained once, just after start, not during someone's first review.
  setImmediate(() => coach.reviewer.warm());
  logger.info({ host: address.host, port: address.port, slack: slack ? (config.slack?.appToken ? 'socket-mode' : 'http') : 'off', teams: teams ? (config.teams?.anonymous ? 'anonymous' : 'on') : 'off' }, 'support coach ready');

  // The scheduler's state changes run one tick at a time; deliveries run on their own, since a Web API
  // client may keep retrying a failing call for many minutes and must not hold up other channels.
  const deliveries = new Set<Promise<void>>();
  const platforms = new Set([...(slack ? ['slack'] : []), ...(teams ? ['teams'] : [])]);
  const deliver = (out: Outgoing) => {
    const sent = (async () => {
      if (out.platform === 'slack' && slack) await slack.deliver(out);
      if (out.platform === 'teams' && teams) await teams.deliver(out);
    })()
      .catch((err: unknown) => logger.error({ err, workspace: out.workspace, channel: out.channel }, 'scheduled post failed'))
      .finally(() => deliveries.delete(sent));
    deliveries.add(sent);
  };
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      for (const out of await coach.scheduler.tick(coach.clock.now(), platforms)) deliver(out);
    } catch (err) {
      logger.error({ err }, 'scheduler tick failed');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), SCHEDULER_INTERVAL_MS);
  timer.unref();

  return {
    address,
    ...(slack ? { slack } : {}),
    ...(teams ? { teams } : {}),
    async tick() {
      await tick();
      await Promise.all(deliveries);
    },
    async stop() {
      clearInterval(timer);
      // In-flight posts get a few seconds to finish; the store is flushed whatever happens.
      await Promise.race([Promise.all(deliveries), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await server.close();
      await slack?.stop();
      await coach.store.close();
      logger.info('support coach stopped');
    },
  };
}

// The Slack app: Bolt wired to the core, over our HTTP server (HTTP mode) or Socket Mode, built once Slack
// said who the bot is (connect.ts), so an unreachable Slack never holds up the rest of the server.
import { App, LogLevel, type AnyMiddlewareArgs, type Logger as BoltLogger, type Middleware } from '@slack/bolt';
import type { Logger } from '../../app/logger.js';
import type { SlackConfig } from '../../config.js';
import type { SlackDeps } from './context.js';
import { dispatch } from './dispatch.js';
import { registerIncidentViews } from './incident-views.js';
import { registerActions } from './listeners/actions.js';
import { answerCommand, registerCommands, SLASH_COMMANDS } from './listeners/commands.js';
import { registerHome } from './listeners/home.js';
import { registerMessages } from './listeners/messages.js';
import { SlackHttpReceiver } from './receiver.js';
import { authTestUntilAnswered, type SlackIdentity } from './connect.js';
import { closeResponseUrlPools } from './response-url.js';
import { registerViews } from './views.js';
import { registerReviewViews } from './review-views.js';
import type { Outgoing } from '../../app/scheduler.js';

export interface SlackApp {
  /** The Bolt app, once Slack answered auth.test (undefined before). */
  readonly app: App | undefined;
  /** The request handler for POST /slack/events (HTTP mode only); 503 until connected. */
  httpHandler?: SlackHttpReceiver['handle'];
  /** What start() is waiting for now, as /healthz names it (`slack auth.test`). */
  readonly waitingFor: string;
  /**
   * Connects: auth.test until Slack answers (see connect.ts), then Bolt with that identity (no further
   * auth.test), then the Socket Mode connection if configured. Resolves once Slack is served; rejects with
   * SlackRefusedError when Slack refuses the token, or when stop() is called first. Calling it again
   * returns the same promise.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts what the scheduler produced for a Slack workspace (once connected). */
  deliver(outgoing: Outgoing): Promise<void>;
}

export function createSlackApp(config: SlackConfig, deps: SlackDeps): SlackApp {
  const logger = boltLogger(deps.logger);
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  const receiver = config.appToken ? undefined : new SlackHttpReceiver(config.signingSecret!, deps.logger);
  const stopping = new AbortController();
  let app: App | undefined;
  let started: Promise<void> | undefined;
  let waitingFor = 'slack auth.test';

  // Built once the bot's identity is known, so Bolt never calls auth.test itself. No conversation store:
  // the coach keeps its state in its own store (Bolt's costs time on every event).
  const build = (identity: SlackIdentity): App => {
    const common = {
      token: config.botToken, botId: identity.botId, botUserId: identity.botUserId, tokenVerificationEnabled: false,
      clientOptions, logger, deferInitialization: true, convoStore: false as const,
    };
    const built = config.appToken ? new App({ ...common, appToken: config.appToken, socketMode: true }) : new App({ ...common, receiver: receiver! });
    built.error(async (error) => {
      deps.logger.error({ err: error }, 'slack handler error');
    });
    built.use(ignoreRetries(deps));
    registerCommands(built, deps);
    // Over HTTP our own commands skip Bolt's chain: acknowledged by the receiver, answered right after.
    receiver?.answerCommands(SLASH_COMMANDS, (command) => answerCommand(deps, built.client, command, identity.botUserId));
    registerMessages(built, deps);
    registerActions(built, deps);
    registerViews(built, deps);
    registerIncidentViews(built, deps);
    registerReviewViews(built, deps);
    registerHome(built, deps);
    return built;
  };

  return {
    get app() {
      return app;
    },
    ...(receiver ? { httpHandler: receiver.handle } : {}),
    get waitingFor() {
      return waitingFor;
    },
    start() {
      started ??= (async () => {
        const identity = await authTestUntilAnswered({ token: config.botToken, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), signal: stopping.signal, logger: deps.logger });
        stopping.signal.throwIfAborted();
        const built = build(identity);
        await built.init();
        if (config.appToken) {
          waitingFor = 'slack socket mode connection';
          await built.start();
        }
        app = built;
      })();
      return started;
    },
    async stop() {
      stopping.abort(new Error('the server is stopping'));
      if (config.appToken && app) await app.stop();
      // Acknowledged commands still get their answer (a few seconds at most), then connections close.
      await receiver?.settle(5000);
      await closeResponseUrlPools();
    },
    async deliver(outgoing) {
      if (!started) throw new Error('Slack is not started');
      await started;
      const message = outgoing.user ? { ...outgoing.message, to: outgoing.user } : outgoing.message;
      await dispatch(deps, { client: app!.client, workspace: outgoing.workspace, channel: outgoing.channel, user: '' }, [message]);
    },
  };
}

const REQUEST_BODY = /^http request body\b/i;

/** Bolt's logger interface on top of ours, so Bolt's own lines are structured and secret-free too. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  // Bolt logs several debug lines per request: format them only when the level is on.
  const log = (fn: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (!logger.isLevelEnabled(fn)) return;
    const text = msg.map(String).join(' ');
    // At debug level the Web API client logs each request's body: it holds what people wrote (a draft under
    // review, an answer), which never goes to the logs.
    logger[fn]({ source: 'bolt' }, REQUEST_BODY.test(text) ? 'http request body: [omitted]' : text);
  };
  return {
    debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => {},
  };
}

/** How long an event id is remembered: Slack retries an event three times within minutes. */
const EVENT_ID_TTL_MS = 60 * 60_000;

/**
 * Bolt middleware: an Events API delivery whose event_id was seen already (Slack retrying one that a
 * replica received but acknowledged late) stops here, whichever replica or connection it reaches: the ids
 * are remembered in the store (StorePort.firstDelivery). Requests without an event id (slash commands,
 * buttons, modals) go on. A retry of an event whose first delivery died before it was handled is dropped
 * too: what an event does (a playbook offer) is worth less than doing it twice.
 */
function ignoreRetries(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const id = (body as { event_id?: unknown }).event_id;
    if (typeof id === 'string' && id && !(await deps.port.firstDelivery(`slack:${id}`, EVENT_ID_TTL_MS, deps.clock.now()))) {
      deps.logger.info({ eventId: id }, 'slack event already received: ignored');
      return;
    }
    await next();
  };
}

// The Slack app: Bolt wired to the core, over our HTTP server (HTTP mode) or Socket Mode.
import { App, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../app/logger.js';
import type { SlackConfig } from '../../config.js';
import type { SlackDeps } from './context.js';
import { dispatch } from './dispatch.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerHome } from './listeners/home.js';
import { registerMessages } from './listeners/messages.js';
import { SlackHttpReceiver } from './receiver.js';
import { registerViews } from './views.js';
import { registerReviewViews } from './review-views.js';
import type { Outgoing } from '../../app/scheduler.js';

export interface SlackApp {
  app: App;
  /** The request handler for POST /slack/events (HTTP mode only). */
  httpHandler?: SlackHttpReceiver['handle'];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts what the scheduler produced for a Slack workspace. */
  deliver(outgoing: Outgoing): Promise<void>;
}

export function createSlackApp(config: SlackConfig, deps: SlackDeps): SlackApp {
  const logger = boltLogger(deps.logger);
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  let receiver: SlackHttpReceiver | undefined;
  let app: App;
  if (config.appToken) {
    app = new App({ token: config.botToken, appToken: config.appToken, socketMode: true, clientOptions, logger, deferInitialization: true, convoStore: false });
  } else {
    receiver = new SlackHttpReceiver(config.signingSecret!, deps.logger);
    // No conversation store: the coach keeps its state in its own store (Bolt's costs time on every event).
    app = new App({ token: config.botToken, receiver, clientOptions, logger, deferInitialization: true, convoStore: false });
  }
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack handler error');
  });
  registerCommands(app, deps);
  registerMessages(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerReviewViews(app, deps);
  registerHome(app, deps);

  return {
    app,
    ...(receiver ? { httpHandler: receiver.handle } : {}),
    async start() {
      await app.init();
      if (config.appToken) await app.start();
    },
    async stop() {
      if (config.appToken) await app.stop();
    },
    async deliver(outgoing) {
      await dispatch(deps, { client: app.client, workspace: outgoing.workspace, channel: outgoing.channel, user: '' }, [outgoing.message]);
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

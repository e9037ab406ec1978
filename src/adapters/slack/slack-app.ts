// The Slack app: Bolt wired to the core, over our HTTP server (HTTP mode) or Socket Mode. With one workspace
// (SLACK_BOT_TOKEN) it is built once Slack said who the bot is (connect.ts), so an unreachable Slack never
// holds up the rest of the server. With many (OAuth, oauth.ts) it is built at once: each request and each
// scheduled post takes its workspace's token from the installations.
import { App, type AnyMiddlewareArgs, type Middleware } from '@slack/bolt';
import { boltLogger } from './bolt-logger.js';
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
import { registerQueueViews } from './queue-views.js';
import type { Outgoing } from '../../app/scheduler.js';
import type { SlackInstallationStore } from '../../store/installations.js';
import { INSTALL_PATH, REDIRECT_PATH, SlackOAuth } from './oauth.js';
import type { Installers } from './installers.js';
import { registerUninstall } from './uninstall.js';
import type { RouteHandler } from '../../server/http-server.js';

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
  /** OAuth mode: GET /slack/install and GET /slack/oauth_redirect. */
  getRoutes?: Record<string, RouteHandler>;
  /** OAuth mode: the installations and their tokens. */
  oauth?: SlackOAuth;
}

/** What the Slack app needs beyond every surface's deps: the installations in OAuth mode. */
export interface SlackAppDeps extends SlackDeps {
  installations?: SlackInstallationStore;
  /** OAuth mode: where each workspace's installer is noted (an admin there: open-coach's isAdmin). */
  installers?: Installers;
  /** COACH_BASE_URL, for the OAuth redirect URL. */
  baseUrl?: string;
}

export function createSlackApp(config: SlackConfig, deps: SlackAppDeps): SlackApp {
  const logger = boltLogger(deps.logger);
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  const receiver = config.appToken ? undefined : new SlackHttpReceiver(config.signingSecret!, deps.logger);
  if (config.oauth && !deps.installations) throw new Error('Slack OAuth needs an installation store');
  const oauth = config.oauth && deps.installations
    ? new SlackOAuth({ config: config.oauth, installations: deps.installations, logger: deps.logger, ...(deps.installers ? { installers: deps.installers } : {}), ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), ...(deps.baseUrl ? { baseUrl: deps.baseUrl } : {}) })
    : undefined;
  const stopping = new AbortController();
  let app: App | undefined;
  let started: Promise<void> | undefined;
  let waitingFor = oauth ? 'slack' : 'slack auth.test';

  // One workspace: built once the bot's identity is known, so Bolt never calls auth.test itself. Many: Bolt
  // asks `oauth.authorize` for each request's token. No conversation store: the coach keeps its state in
  // its own store (Bolt's costs time on every event).
  const build = (identity: SlackIdentity | undefined): App => {
    const common = { clientOptions, logger, deferInitialization: true, convoStore: false as const };
    const auth = oauth
      ? { authorize: oauth.authorize }
      : { token: config.botToken!, botId: identity!.botId, botUserId: identity!.botUserId, tokenVerificationEnabled: false };
    const built = config.appToken ? new App({ ...common, ...auth, appToken: config.appToken, socketMode: true }) : new App({ ...common, ...auth, receiver: receiver! });
    built.error(async (error) => {
      deps.logger.error({ err: error }, 'slack handler error');
    });
    built.use(ignoreRetries(deps));
    registerCommands(built, deps);
    // Over HTTP our own commands skip Bolt's chain: acknowledged by the receiver, answered right after.
    // One workspace: the app's own client, no lookup. Many: the command's workspace's token.
    receiver?.answerCommands(SLASH_COMMANDS, oauth
      ? async (command) => {
          const ref = { isEnterpriseInstall: String(command.is_enterprise_install) === 'true', teamId: command.team_id, ...(command.enterprise_id ? { enterpriseId: command.enterprise_id } : {}) };
          const workspace = await oauth.forRequest(ref);
          if (!workspace) {
            deps.logger.warn({ team: command.team_id, enterprise: command.enterprise_id, command: command.command }, 'slack command from a workspace without an installation: not answered');
            return;
          }
          await answerCommand(deps, workspace.client, command, workspace.botUserId);
        }
      : (command) => answerCommand(deps, built.client, command, identity!.botUserId));
    registerUninstall(built, { port: deps.port, logger: deps.logger, ...(deps.installations ? { installations: deps.installations } : {}) });
    registerMessages(built, deps);
    registerActions(built, deps);
    registerViews(built, deps);
    registerIncidentViews(built, deps);
    registerReviewViews(built, deps);
    registerQueueViews(built, deps);
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
    ...(oauth ? { oauth, getRoutes: { [INSTALL_PATH]: oauth.installPath, [REDIRECT_PATH]: oauth.redirect } } : {}),
    start() {
      started ??= (async () => {
        const identity = oauth ? undefined : await authTestUntilAnswered({ token: config.botToken!, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), signal: stopping.signal, logger: deps.logger });
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
      // Many workspaces: this workspace's token, refreshed here when it is about to expire (Bolt refreshes
      // only for incoming requests). Gone (uninstalled): the post is dropped, not retried.
      const client = oauth ? (await oauth.forWorkspace(outgoing.workspace))?.client : app!.client;
      if (!client) {
        deps.logger.info({ workspace: outgoing.workspace, channel: outgoing.channel }, 'scheduled post dropped: the Slack app is not installed in this workspace');
        return;
      }
      await dispatch(deps, { client, workspace: outgoing.workspace, channel: outgoing.channel, user: '' }, [message]);
    },
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

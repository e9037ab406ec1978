// Many Slack workspaces (issue 13): the "Add to Slack" install through @slack/oauth's InstallProvider, and
// each workspace's bot token when the coach answers it or posts on its own.
//
// GET /slack/install: a page with the "Add to Slack" button; its link carries a `state` signed with
// SLACK_STATE_SECRET (the installer's default state store), also set as a short-lived cookie in the browser.
// GET /slack/oauth_redirect: Slack sends the installer back here with a `code`; the installer checks that
// the state is ours and belongs to this browser (a forged or replayed state is refused), trades the code
// at oauth.v2.access, and saves the installation in the coach's store (installations.ts). Replicas that
// share the secret need no shared state store.
//
// Tokens: `authorize` gives an installation's bot token, refreshed by the installer when token rotation is
// on and it expires within two hours. Bolt calls it for incoming requests only (bolt-js #1199, #1968), so
// the coach's own posts (daily challenges, debriefs, incident reminders) go through `forWorkspace`, which
// authorizes the same way. Concurrent authorizations of one installation in this process share one call,
// so one expiring token is refreshed once, not once per request or post. Across replicas (PostgreSQL), a
// refresh runs while holding the installation (SlackInstallationStore.exclusive: its row FOR UPDATE), and
// the installer reads it again inside: a replica that waited finds the token the first one got and uses
// it, instead of spending the rotated refresh token a second time (Slack refuses it once used).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webApi, type AuthorizeResult } from '@slack/bolt';
import { InstallProvider, type CodedError, type Installation, type InstallationQuery } from '@slack/oauth';
import type { Logger } from '../../app/logger.js';
import type { SlackOAuthConfig } from '../../config.js';
import { boltInstallationStore, installationKey, refOf, refOfQuery, type HeldInstallation, type InstallationRef, type SlackInstallationStore } from '../../store/installations.js';
import { installedPage, installFailedPage, installPage } from './oauth-pages.js';
import { boltLogger } from './bolt-logger.js';
import type { Installers } from './installers.js';

/** The bot scopes the install asks for: slack/manifest.yaml's (test/slack/manifest.test.ts keeps them equal). */
export const BOT_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'users:read', 'channels:read', 'groups:read', 'im:write', 'files:write'] as const;

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** A workspace's token, with a Web API client for it and the bot's user id there. */
export interface WorkspaceAuth {
  client: webApi.WebClient;
  botUserId?: string;
  botId?: string;
}

export interface SlackOAuthOptions {
  config: SlackOAuthConfig;
  installations: SlackInstallationStore;
  logger: Logger;
  /** SLACK_API_URL (oauth.v2.access, auth.test and every call with a workspace's token), ending with `/`. */
  apiUrl?: string;
  /** COACH_BASE_URL: the redirect URL sent to Slack is `<base>/slack/oauth_redirect`; absent: the app's configured one. */
  baseUrl?: string;
  /** Told, at each authorization, who installed the installation answering for the request's workspace (its admin). */
  installers?: Installers;
}

/** Clients kept per token (a rotated token gets a new one); beyond this, the oldest are dropped. */
const MAX_CLIENTS = 1000;

/**
 * The installer refreshes a bot token that expires within two hours (@slack/oauth's EXPIRY_WINDOW); an
 * authorization takes the hold on the installation a little earlier than that, so every refresh the
 * installer makes happens inside the hold.
 */
const HOLD_WINDOW_S = 2 * 3600 + 300;

/** Whether the installer may refresh this installation's bot token now (token rotation on, expiring soon). */
export function refreshDue(installation: Installation, nowMs: number = Date.now()): boolean {
  const expiresAt = installation.bot?.expiresAt;
  return Boolean(installation.bot?.refreshToken) && typeof expiresAt === 'number' && expiresAt - nowMs / 1000 < HOLD_WINDOW_S;
}

export class SlackOAuth {
  readonly provider: InstallProvider;
  private readonly inflight = new Map<string, Promise<AuthorizeResult>>();
  private readonly clients = new Map<string, webApi.WebClient>();
  private readonly clientOptions: webApi.WebClientOptions;
  /** The installation this authorization holds (see authorize): the installer reads and saves it there. */
  private readonly held = new AsyncLocalStorage<HeldInstallation>();

  constructor(private readonly options: SlackOAuthOptions) {
    const logger = boltLogger(options.logger);
    this.clientOptions = { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), logger };
    const store = boltInstallationStore(options.installations);
    this.provider = new InstallProvider({
      clientId: options.config.clientId,
      clientSecret: options.config.clientSecret,
      stateSecret: options.config.stateSecret,
      installationStore: {
        ...store,
        fetchInstallation: async (query, log) => {
          const held = this.held.getStore();
          if (!held || installationKey(refOfQuery(query)) !== held.key) return store.fetchInstallation(query, log);
          const found = await held.current();
          if (!found) throw new Error('the installation was removed while its token was being refreshed');
          return found;
        },
        storeInstallation: async (installation, log) => {
          const held = this.held.getStore();
          if (!held || installationKey(refOf(installation as Installation)) !== held.key) return store.storeInstallation(installation, log);
          return held.save(installation as Installation);
        },
      },
      installUrlOptions: { scopes: [...BOT_SCOPES], ...(options.baseUrl ? { redirectUri: `${options.baseUrl}${REDIRECT_PATH}` } : {}) },
      renderHtmlForInstallPath: installPage,
      ...(options.config.authorizeUrl ? { authorizationUrl: options.config.authorizeUrl } : {}),
      clientOptions: this.clientOptions,
      logger,
    });
  }

  /** GET /slack/install: the "Add to Slack" page (its state cookie set). */
  readonly installPath = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await this.provider.handleInstallPath(req, res);
  };

  /** GET /slack/oauth_redirect: checks the state, trades the code, saves the installation; a page says how it went. */
  readonly redirect = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await this.provider.handleCallback(req, res, {
      success: (installation, _options, _req, response) => {
        const ref = refOf(installation as Installation);
        this.options.logger.info({ team: ref.teamId, enterprise: ref.enterpriseId, orgWide: ref.isEnterpriseInstall, rotating: Boolean(installation.bot?.refreshToken) }, 'slack app installed');
        const name = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
        html(response, 200, installedPage(name ?? ''));
      },
      failure: (error: CodedError, _options, _req, response) => {
        // The error's code and message only: never the request, its code or its state.
        const code = String(error.code);
        const cancelled = code === 'slack_oauth_installer_authorization_error' && /cancelled/i.test(String(error.message));
        const slackSaidNo = code === webApi.ErrorCode.PlatformError;
        this.options.logger.warn({ code, ...(slackSaidNo ? { slackError: (error as { data?: { error?: unknown } }).data?.error } : {}), message: String(error.message ?? '').slice(0, 200) }, 'slack install refused');
        html(response, STATE_ERRORS.has(code) || cancelled || slackSaidNo ? 400 : 502, installFailedPage(cancelled ? 'cancelled' : STATE_ERRORS.has(code) ? 'state' : 'slack'));
      },
    });
  };

  /**
   * Bolt's `authorize`: the bot token (refreshed when it expires within two hours) of the installation
   * that answers for `source`. Rejects when the workspace has no installation (Bolt then drops the
   * request). A workspace seen under an org-wide install is remembered (noteTeam) for scheduled posts.
   */
  readonly authorize = async (source: InstallationQuery<boolean>): Promise<AuthorizeResult> => {
    const ref: InstallationRef = {
      isEnterpriseInstall: source.isEnterpriseInstall === true,
      ...(source.teamId ? { teamId: source.teamId } : {}),
      ...(source.enterpriseId ? { enterpriseId: source.enterpriseId } : {}),
    };
    const found = await this.options.installations.fetch(ref);
    if (!found) throw new Error(`Support Coach is not installed in ${ref.isEnterpriseInstall ? `org ${ref.enterpriseId}` : `workspace ${ref.teamId}`}`);
    const own = refOf(found);
    if (own.isEnterpriseInstall && own.enterpriseId && ref.teamId) await this.options.installations.noteTeam(ref.teamId, own.enterpriseId);
    if (ref.teamId) this.options.installers?.note(ref.teamId, found.user?.id);
    const key = installationKey(own);
    let pending = this.inflight.get(key);
    if (!pending) {
      const query = { isEnterpriseInstall: own.isEnterpriseInstall, teamId: own.teamId, enterpriseId: own.enterpriseId } as InstallationQuery<boolean>;
      // A token that may be refreshed: hold the installation (across replicas on PostgreSQL) while the
      // installer reads it again, refreshes it if still due, and saves it.
      const run = refreshDue(found)
        ? this.options.installations.exclusive(key, (held) => this.held.run(held, () => this.provider.authorize(query)))
        : this.provider.authorize(query);
      pending = run.finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const result = await pending;
    return { ...result, ...(ref.teamId ? { teamId: ref.teamId } : {}) };
  };

  /** A client with the token that answers for `ref`, or undefined when the workspace has no installation. */
  async forRequest(ref: InstallationRef): Promise<WorkspaceAuth | undefined> {
    let result: AuthorizeResult;
    try {
      result = await this.authorize({ isEnterpriseInstall: ref.isEnterpriseInstall, teamId: ref.teamId, enterpriseId: ref.enterpriseId } as InstallationQuery<boolean>);
    } catch {
      return undefined;
    }
    if (!result.botToken) return undefined;
    return { client: this.client(result.botToken), ...(result.botUserId ? { botUserId: result.botUserId } : {}), ...(result.botId ? { botId: result.botId } : {}) };
  }

  /**
   * For the coach's own posts to workspace `teamId` (a Slack team id): its own install, else the org-wide
   * install of the org it was seen under. Token refreshed like an incoming request's. Undefined: not installed.
   */
  async forWorkspace(teamId: string): Promise<WorkspaceAuth | undefined> {
    const enterpriseId = await this.options.installations.enterpriseOf(teamId);
    return this.forRequest({ isEnterpriseInstall: false, teamId, ...(enterpriseId ? { enterpriseId } : {}) });
  }

  private client(token: string): webApi.WebClient {
    let client = this.clients.get(token);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      client = new webApi.WebClient(token, this.clientOptions);
      this.clients.set(token, client);
    }
    return client;
  }
}

/** Installer errors caused by the link itself: a forged, expired, replayed or missing state, or no code. */
const STATE_ERRORS = new Set(['slack_oauth_missing_state', 'slack_oauth_invalid_state', 'slack_oauth_missing_code']);

function html(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end(body);
}

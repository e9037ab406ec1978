// The Teams bot: botbuilder's CloudAdapter wired to the core, on POST /api/messages of our HTTP server,
// plus the scheduler's proactive posts through the conversation references kept in the store.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Outgoing } from '../../app/scheduler.js';
import type { TeamsConfig } from '../../config.js';
import type { RouteHandler } from '../../server/http-server.js';
import { parsePersonalTarget, parseReference, type PersonalTarget } from './activity.js';
import { TeamsCoachBot } from './bot.js';
import type { TeamsDeps } from './context.js';
import { deliverTo, dispatch, messageActivities } from './dispatch.js';
import { teamsEndpoint } from './endpoint.js';
import { CloudSender, safeError } from './sender.js';

export interface TeamsApp {
  adapter: CloudAdapter;
  bot: TeamsCoachBot;
  /** The request handler for POST /api/messages. */
  httpHandler: RouteHandler;
  /**
   * Posts what the scheduler produced for a Teams channel, through its stored reference; with `user`,
   * privately to that member (their 1:1 chat with the bot).
   */
  deliver(outgoing: Outgoing): Promise<void>;
}

export function createTeamsApp(config: TeamsConfig, deps: TeamsDeps): TeamsApp {
  const credentials = config.anonymous
    ? {}
    : {
        MicrosoftAppId: config.appId,
        MicrosoftAppType: config.appType,
        ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
        ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
      };
  const auth = new ConfigurationBotFrameworkAuthentication(
    { ...(config.anonymous ? {} : { MicrosoftAppId: config.appId }), ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}) },
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
  const adapter = new CloudAdapter(auth);
  const sender = new CloudSender(adapter, config.appId, config.anonymous);
  const bot = new TeamsCoachBot(deps, sender, { anonymous: config.anonymous });
  const httpHandler = teamsEndpoint(adapter, bot.onTurn, { anonymous: config.anonymous, logger: deps.logger });

  return {
    adapter,
    bot,
    httpHandler,
    async deliver(outgoing) {
      // A private delivery goes to the person's 1:1 chat: the one kept on their member record (a debrief's
      // copy to someone who answered), else found through the channel's members (an admin told of an
      // overdue incident, who may never have written to the coach).
      const user = outgoing.user;
      const store = deps.port.workspace(outgoing.workspace);
      if (user && parsePersonalTarget((await store.member(user))?.personalTarget, outgoing.workspace)) {
        await deliverTo(deps, sender, outgoing.workspace, { ...outgoing.message, to: user });
        return;
      }
      const stored = (await store.channel(outgoing.channel))?.postTarget;
      const reference = parseReference(stored);
      if (!reference) {
        deps.logger.warn({ workspace: outgoing.workspace, channel: outgoing.channel }, 'teams: no conversation reference for this channel (add the bot there, or run /coach schedule there again)');
        return;
      }
      try {
        if (user) {
          const member = await sender.memberOf(reference, user);
          const target: PersonalTarget = {
            workspace: outgoing.workspace, channelId: reference.channelId, serviceUrl: reference.serviceUrl, bot: reference.bot, user: member,
            ...(reference.conversation.tenantId ? { tenantId: reference.conversation.tenantId } : {}),
          };
          await sender.sendPersonal(target, messageActivities(outgoing.message));
          return;
        }
        await dispatch(deps, sender, { workspace: outgoing.workspace, channel: outgoing.channel, reference }, [outgoing.message]);
      } catch (err) {
        // Connector errors carry the request (Authorization header included): rethrow only what may be logged.
        const safe = safeError(err);
        throw Object.assign(new Error(`teams delivery failed: ${safe.message}`), safe.statusCode ? { statusCode: safe.statusCode } : {});
      }
    },
  };
}

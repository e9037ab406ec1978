// The Teams bot: one turn at a time, from an activity to the core and back. Messages are commands (the
// bot's @mention stripped, the slash optional) or card submits; in a channel, a message that does not
// mention the bot is only considered by channel listening (Teams delivers those with the manifest's
// resource-specific consent). The channel's conversation reference is saved when the bot is added there
// and whenever an admin schedules, posts or reveals there, for the scheduler's proactive posts. What the
// core says privately in a channel or group chat goes to the person's 1:1 chat with the bot (dispatch.ts).
import { TurnContext, TeamsInfo, type Activity, type Mention } from 'botbuilder';
import { emptyChannel } from '../../domain/channel-defaults.js';
import type { Request } from '../../core/request.js';
import { channelReference, commandText, personalTarget, requestBase, safeId, scopeOf, submitText, type TeamsReference } from './activity.js';
import type { TeamsDeps } from './context.js';
import { dispatch, messageActivities, type DispatchTarget } from './dispatch.js';
import { safeError, type ChannelSender } from './sender.js';

/** Admin commands after which the channel's reference is (re)saved. */
const SAVES_REFERENCE = /^\/coach\s+(schedule|post|reveal)\b/i;
const AWARD = /^\/coach\s+award\b/i;

export class TeamsCoachBot {
  constructor(
    private readonly deps: TeamsDeps,
    private readonly sender: ChannelSender,
    private readonly options: { anonymous: boolean },
  ) {}

  /** The turn logic; never throws (a failure is logged, the person gets no half answer). */
  readonly onTurn = async (context: TurnContext): Promise<void> => {
    try {
      // Entities are untrusted: botbuilder's mention helpers assume well-formed ones.
      const entities: unknown = context.activity.entities;
      context.activity.entities = Array.isArray(entities) ? entities.filter(wellFormedEntity) : [];
      switch (context.activity.type) {
        case 'message':
          return await this.onMessage(context);
        case 'conversationUpdate':
          return await this.onConversationUpdate(context);
        case 'installationUpdate':
          return await this.onInstallationUpdate(context);
        default:
          return; // typing, reactions, edits (messageUpdate), deletes, invokes…: nothing to say.
      }
    } catch (err) {
      this.deps.logger.error({ error: safeError(err), type: context.activity.type }, 'teams turn failed');
    }
  };

  private async onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Never answer a bot, nor ourselves.
    if (activity.from?.role === 'bot' || (activity.from?.id && activity.from.id === activity.recipient?.id)) return;
    const base = requestBase(activity, this.options.anonymous);
    if (!base) {
      this.deps.logger.warn({ channelId: activity.channelId }, 'teams: message without a usable tenant, conversation or sender; ignored');
      return;
    }
    const reference = channelReference(activity, base.workspace);
    let request: Request;
    if (activity.value !== undefined && activity.value !== null) {
      const submitted = submitText(activity.value);
      if (!submitted) return; // not one of our cards
      request = { ...base, text: submitted.text, ...(submitted.lang ? { contextLang: submitted.lang } : {}) };
    } else {
      if (typeof activity.text !== 'string' || !activity.text.trim()) return;
      if (scopeOf(activity) === 'channel' && !mentionsBot(activity)) return this.listen(context, base);
      request = { ...base, text: commandText(await this.plainText(context, base)) };
    }
    const admin = this.deps.isAdmin(base.workspace, base.user);
    if (admin && reference && SAVES_REFERENCE.test(request.text)) await this.saveReference(base.workspace, base.channel, reference, base.channelName);
    const replies = await this.deps.engine.handle(request);
    await dispatch(this.deps, this.sender, {
      workspace: base.workspace, channel: base.channel, reference,
      reply: (activities) => context.sendActivities(activities),
      // In a channel or group chat, private replies go to the person's 1:1 chat with the bot.
      ...(scopeOf(activity) !== 'personal' ? { privately: { target: personalTarget(activity, request.workspace) } } : {}),
    }, replies);
  }

  /** Channel listening: a live situation gets a short offer in the message's thread. */
  private async listen(context: TurnContext, base: Omit<Request, 'text'>): Promise<void> {
    const text = (context.activity.text ?? '').replace(/<at>.*?<\/at>/gi, ' ').trim();
    const offer = this.deps.listener.consider({ ...base, text });
    if (offer) await context.sendActivities(messageActivities(offer));
  }

  /**
   * The message's text as the person meant it: the bot's mention removed, other mentions replaced by the
   * person's name, or, in an admin's `/coach award`, by their id (what scores are kept under).
   */
  private async plainText(context: TurnContext, base: Omit<Request, 'text'>): Promise<string> {
    const activity = context.activity;
    const mentions = TurnContext.getMentions(activity);
    let text = activity.text ?? '';
    if (mentions.some((m) => m.mentioned.id === activity.recipient?.id)) text = TurnContext.removeRecipientMention(activity) ?? '';
    const award = AWARD.test(commandText(text.replace(/<at>.*?<\/at>/gi, ' ')));
    for (const mention of mentions) {
      if (mention.mentioned.id === activity.recipient?.id) continue;
      const replacement = award && this.deps.isAdmin(base.workspace, base.user)
        ? await this.memberId(context, base.workspace, mention)
        : (mention.mentioned.name ?? '').replace(/[<>]/g, '');
      text = text.replace(mention.text, ` ${replacement} `);
    }
    return text.replace(/<at>.*?<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
  }

  /** The id a mentioned person's scores are kept under (their AAD object id), their name remembered. */
  private async memberId(context: TurnContext, workspace: string, mention: Mention): Promise<string> {
    const mentioned = mention.mentioned as Mention['mentioned'] & { aadObjectId?: string };
    let id = safeId(mentioned.aadObjectId, 200);
    if (!id && context.activity.channelId === 'msteams') {
      try {
        id = safeId((await TeamsInfo.getMember(context, mentioned.id)).aadObjectId, 200);
      } catch (err) {
        this.deps.logger.warn({ error: safeError(err) }, 'teams: could not look up a mentioned member');
      }
    }
    id ??= safeId(mentioned.id, 200);
    const name = typeof mentioned.name === 'string' ? mentioned.name.slice(0, 100) : undefined;
    if (!id) return name ?? '';
    if (name) {
      const key = id;
      await this.deps.stores(workspace).update((ws) => {
        const member = (ws.members[key] ??= {});
        if (!member.name) member.name = name;
      });
    }
    return id;
  }

  private async onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    if (!botId) return;
    const has = (members: unknown) => Array.isArray(members) && members.some((m: { id?: unknown } | null) => m?.id === botId);
    const added = has(activity.membersAdded);
    const removed = has(activity.membersRemoved);
    if (added) {
      const saved = await this.remember(activity);
      const base = requestBase(activity, this.options.anonymous);
      if (saved && base) {
        // A welcome: the help card, in the conversation the bot was added to.
        const replies = await this.deps.engine.handle({ ...base, text: '/coach help' });
        await context.sendActivities(replies.flatMap(messageActivities));
      }
    } else if (removed) {
      await this.forget(activity);
    }
  }

  private async onInstallationUpdate(context: TurnContext): Promise<void> {
    const action = String(context.activity.action ?? '').toLowerCase();
    if (action === 'add' || action === 'add-upgrade') await this.remember(context.activity);
    else if (action === 'remove') await this.forget(context.activity);
  }

  /** Saves the reference of the conversation the bot was added to; false when it cannot be attributed. */
  private async remember(activity: Activity): Promise<boolean> {
    const base = requestBase({ ...activity, from: activity.from ?? activity.recipient }, this.options.anonymous);
    const reference = base && channelReference(activity, base.workspace);
    if (!base || !reference) return false;
    await this.saveReference(base.workspace, base.channel, reference, base.channelName);
    return true;
  }

  private async forget(activity: Activity): Promise<void> {
    const base = requestBase({ ...activity, from: activity.from ?? activity.recipient }, this.options.anonymous);
    if (!base) return;
    await this.deps.stores(base.workspace).update((ws) => {
      const channel = ws.channels[base.channel];
      if (channel) delete channel.postTarget;
    });
  }

  private async saveReference(workspace: string, channel: string, reference: TeamsReference, channelName?: string): Promise<void> {
    await this.deps.stores(workspace).update((ws) => {
      const data = (ws.channels[channel] ??= emptyChannel());
      data.postTarget = reference;
      data.platform = 'teams';
      if (channelName && !data.name) data.name = channelName;
    });
  }
}

function wellFormedEntity(entity: unknown): entity is NonNullable<Activity['entities']>[number] {
  if (!entity || typeof entity !== 'object') return false;
  const e = entity as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } };
  if (typeof e.type !== 'string') return false;
  if (e.type.toLowerCase() !== 'mention') return true;
  return typeof e.text === 'string' && e.text.length > 0 && typeof e.mentioned === 'object' && e.mentioned !== null && typeof e.mentioned.id === 'string';
}

function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return Boolean(botId) && TurnContext.getMentions(activity).some((m) => m?.mentioned?.id === botId);
}

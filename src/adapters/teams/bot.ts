// The Teams bot: one turn at a time, from an activity to the core and back. Messages are commands (the
// bot's @mention stripped, the slash optional) or card submits; in a channel, a message that does not
// mention the bot is only considered by channel listening (Teams delivers those with the manifest's
// resource-specific consent). The channel's conversation reference is saved when the bot is added there
// and whenever an admin schedules, posts or reveals there, for the scheduler's proactive posts. What the
// core says privately in a channel or group chat goes to the person's 1:1 chat with the bot (dispatch.ts).
import { TurnContext, TeamsInfo, type Activity, type Mention } from 'botbuilder';
import type { Request } from '../../core/request.js';
import { channelReference, commandText, personalTarget, requestBase, safeId, scopeOf, submitText, type TeamsReference } from './activity.js';
import type { TeamsDeps } from './context.js';
import { dispatch, messageActivities, type DispatchTarget } from './dispatch.js';
import { safeError, type ChannelSender } from './sender.js';
import { answerReviewInvoke, isReviewInvoke } from './message-extension.js';

/** Teams writes mentions as <at>Name</at> in the text. */
const AT_TAG = /<at>.*?<\/at>/gi;

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
        case 'invoke':
          // The draft review's message extension; other invokes get botbuilder's default answer.
          if (isReviewInvoke(context.activity)) return await answerReviewInvoke(context, this.deps, this.options.anonymous);
          return;
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
      const { text, mentions } = await this.plainText(context);
      request = { ...base, text: commandText(text), ...(mentions.length ? { mentions } : {}) };
    }
    // The core keeps the channel's reference when an admin schedules, posts or reveals here.
    if (reference) request.postTarget = reference;
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
    const text = (context.activity.text ?? '').replace(AT_TAG, ' ').trim();
    const offer = this.deps.listener.consider({ ...base, text });
    if (offer) await context.sendActivities(messageActivities(offer));
  }

  /**
   * The message's text as the person meant it: the bot's mention removed, other people's mentions
   * written `@ID` (the id their scores are kept under) and listed with their names for the core.
   */
  private async plainText(context: TurnContext): Promise<{ text: string; mentions: { id: string; name?: string }[] }> {
    const activity = context.activity;
    const all = TurnContext.getMentions(activity);
    let text = activity.text ?? '';
    if (all.some((m) => m.mentioned.id === activity.recipient?.id)) text = TurnContext.removeRecipientMention(activity) ?? '';
    const mentions: { id: string; name?: string }[] = [];
    for (const mention of all) {
      if (mention.mentioned.id === activity.recipient?.id) continue;
      const id = await this.memberId(context, mention);
      const name = typeof mention.mentioned.name === 'string' ? mention.mentioned.name.replace(/[<>]/g, '').slice(0, 100) : undefined;
      if (id) mentions.push({ id, ...(name ? { name } : {}) });
      text = text.replace(mention.text, id ? ` @${id} ` : ` ${name ?? ''} `);
    }
    return { text: text.replace(AT_TAG, ' ').replace(/\s+/g, ' ').trim(), mentions };
  }

  /** The id a mentioned person's scores are kept under: their AAD object id, looked up if need be. */
  private async memberId(context: TurnContext, mention: Mention): Promise<string | undefined> {
    const mentioned = mention.mentioned as Mention['mentioned'] & { aadObjectId?: string };
    let id = safeId(mentioned.aadObjectId, 200);
    if (!id && context.activity.channelId === 'msteams') {
      try {
        id = safeId((await TeamsInfo.getMember(context, mentioned.id)).aadObjectId, 200);
      } catch (err) {
        this.deps.logger.warn({ error: safeError(err) }, 'teams: could not look up a mentioned member');
      }
    }
    return id ?? safeId(mentioned.id, 200) ?? undefined;
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
    await this.deps.commands.rememberChannel(base.workspace, base.channel, { platform: 'teams', postTarget: reference, ...(base.channelName ? { name: base.channelName } : {}) });
    return true;
  }

  private async forget(activity: Activity): Promise<void> {
    const base = requestBase({ ...activity, from: activity.from ?? activity.recipient }, this.options.anonymous);
    if (base) await this.deps.commands.forgetPostTarget(base.workspace, base.channel);
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

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
    // The core keeps the channel's reference when an admin schedules, posts or reveals here, and the
    // person's 1:1 target, to send them a debrief privately later.
    if (reference) request.postTarget = reference;
    const personal = personalTarget(activity, base.workspace);
    if (personal) request.personalTarget = personal;
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
    try {
      await this.deps.listener.offer({ ...base, text }, (offer) => context.sendActivities(messageActivities(offer)));
    } catch (err) {
      // Not muted: the next message about this situation gets its chance (ChannelListener.offer).
      this.deps.logger.warn({ error: safeError(err), channel: base.channel }, 'teams: the playbook offer could not be posted');
    }
  }

  /**
   * The message's text as the person meant it: the mention that addresses the coach removed, other
   * mentions written `@ID` (the id scores are kept under) and listed with their names for the core, bots
   * marked (the coach named again, any `28:` Bot Framework id). Teams splits a display name with a space
   * into adjacent mentions of the same person (`<at>Sam</at> <at>Roy</at>`): they are one mention, "Sam Roy".
   */
  private async plainText(context: TurnContext): Promise<{ text: string; mentions: { id: string; name?: string; bot?: boolean }[] }> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    const all = TurnContext.getMentions(activity);
    let text = activity.text ?? '';
    const address = all.find((m) => m.mentioned.id === botId);
    if (address) text = text.replace(address.text, ' ');
    const mentions = new Map<string, { id: string; name?: string; bot?: boolean }>();
    const resolved = new Map<string, string | undefined>(); // one member look-up per mentioned account
    for (const mention of all) {
      if (mention === address) continue;
      const mentioned = mention.mentioned as Mention['mentioned'] & { role?: unknown };
      const bot = mentioned.id === botId || mentioned.id.startsWith('28:') || mentioned.role === 'bot';
      if (!resolved.has(mentioned.id)) resolved.set(mentioned.id, bot ? safeId(mentioned.id, 200) ?? undefined : await this.memberId(context, mention));
      const id = resolved.get(mentioned.id);
      const name = typeof mentioned.name === 'string' ? mentioned.name.replace(/[<>]/g, '').trim().slice(0, 100) || undefined : undefined;
      if (id) {
        const known = mentions.get(id);
        mentions.set(id, { id, ...(joinNames(known?.name, name) ? { name: joinNames(known?.name, name)! } : {}), ...(bot ? { bot: true } : {}) });
      }
      text = text.replace(mention.text, id ? ` @${id} ` : ` ${name ?? ''} `);
    }
    text = text.replace(AT_TAG, ' ').replace(/\s+/g, ' ').trim();
    // Adjacent mentions of one account are one mention.
    text = text.replace(/(^|\s)@(\S+)(?:\s+@\2(?=\s|$))+/g, '$1@$2');
    return { text, mentions: [...mentions.values()] };
  }

  /**
   * The id a mentioned person's scores are kept under: their AAD object id, looked up if need be.
   * In Teams a mention is a person only when Teams knows them as a member: a channel or team (`19:…`) or
   * a tag is not, and neither is an account the look-up cannot find (undefined: the mention stays text, so
   * no score is ever kept under an id that is not a person's). The Emulator has no members to look up.
   */
  private async memberId(context: TurnContext, mention: Mention): Promise<string | undefined> {
    const mentioned = mention.mentioned as Mention['mentioned'] & { aadObjectId?: string };
    const known = safeId(mentioned.aadObjectId, 200);
    if (known) return known;
    if (context.activity.channelId !== 'msteams') return safeId(mentioned.id, 200) ?? undefined;
    if (mentioned.id.startsWith('19:')) return undefined;
    try {
      return safeId((await TeamsInfo.getMember(context, mentioned.id)).aadObjectId, 200) ?? undefined;
    } catch (err) {
      this.deps.logger.warn({ error: safeError(err) }, 'teams: a mention that is not a member (or could not be looked up); kept as text');
      return undefined;
    }
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

/** The name of a person mentioned in pieces ("Sam" then "Roy"), without repeating a piece already in it. */
function joinNames(known: string | undefined, next: string | undefined): string | undefined {
  if (!known) return next;
  if (!next || known.split(' ').includes(next) || known === next) return known;
  if (next.includes(known)) return next;
  return `${known} ${next}`;
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

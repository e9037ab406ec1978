// Posting outside the user's turn: a challenge as a new channel post, a debrief in its thread, the
// post's card updated with its answer count, the scheduler's daily posts, and the private replies a
// person gets in their 1:1 chat with the bot. Every call goes through CloudAdapter (continueConversation
// with a stored reference, or createConversation for a 1:1 chat), and only to a callable serviceUrl.
import { TeamsInfo, type Activity, type CloudAdapter, type ConversationParameters, type TurnContext } from 'botbuilder';
import { asConversationReference, isCallableServiceUrl, safeId, type PersonalTarget, type TeamsReference } from './activity.js';

export interface ChannelSender {
  /** Sends into the reference's conversation (a new post, or a reply to `replyToId`); the sent ids. */
  send(reference: TeamsReference, activities: Partial<Activity>[], options?: { replyToId?: string }): Promise<string[]>;
  /** Replaces a sent activity (a challenge card with its new answer count). */
  update(reference: TeamsReference, activityId: string, activity: Partial<Activity>): Promise<void>;
  /**
   * Sends into the person's 1:1 chat with the bot, opening it when needed. Throws when it cannot be
   * opened (the app is not installed for them, the connector refuses): the caller falls back.
   */
  sendPersonal(target: PersonalTarget, activities: Partial<Activity>[]): Promise<void>;
  /**
   * A member of the reference's conversation by the id the coach knows them by (their Entra object id):
   * their Bot Framework id and name, to write to them privately outside a turn. Throws when not found.
   */
  memberOf?(reference: TeamsReference, userId: string): Promise<{ id: string; name?: string }>;
}

/** How many people's 1:1 conversation references are kept in memory (least recently used dropped). */
const PERSONAL_CACHE_SIZE = 10_000;

/**
 * createConversationAsync's audience: left undefined, botbuilder uses the configured cloud's
 * to-channel scope, as continueConversationAsync does (its typings ask for a string nonetheless).
 */
const DEFAULT_AUDIENCE = undefined as unknown as string;

class RefusedServiceUrl extends Error {
  constructor(serviceUrl: string) {
    let host = '(invalid URL)';
    try { host = new URL(serviceUrl).host; } catch { /* keep the placeholder */ }
    super(`refused to call serviceUrl host ${host}: not allowed in this mode`);
    this.name = 'RefusedServiceUrl';
  }
}

export class CloudSender implements ChannelSender {
  /** The 1:1 conversation of each person, by workspace and user id (in memory: rebuilt after a restart). */
  private readonly personal = new Map<string, TeamsReference>();
  /** 1:1 conversations being created, so that two replies at once open one conversation, not two. */
  private readonly opening = new Map<string, Promise<TeamsReference>>();

  constructor(private readonly adapter: CloudAdapter, private readonly appId: string, private readonly anonymous: boolean) {}

  async send(reference: TeamsReference, activities: Partial<Activity>[], options: { replyToId?: string } = {}): Promise<string[]> {
    this.check(reference.serviceUrl);
    let ids: string[] = [];
    await this.adapter.continueConversationAsync(this.appId, asConversationReference(reference), async (context) => {
      replyTo(context, options.replyToId);
      const responses = await context.sendActivities(activities);
      ids = responses.map((r) => r?.id ?? '');
    });
    return ids;
  }

  async update(reference: TeamsReference, activityId: string, activity: Partial<Activity>): Promise<void> {
    this.check(reference.serviceUrl);
    await this.adapter.continueConversationAsync(this.appId, asConversationReference(reference), async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  async memberOf(reference: TeamsReference, userId: string): Promise<{ id: string; name?: string }> {
    this.check(reference.serviceUrl);
    let member: { id: string; name?: string } | null = null;
    await this.adapter.continueConversationAsync(this.appId, asConversationReference(reference), async (context) => {
      const found = await TeamsInfo.getMember(context, userId);
      const id = safeId(found?.id, 200);
      if (id) member = { id, ...(typeof found.name === 'string' ? { name: found.name.slice(0, 100) } : {}) };
    });
    if (!member) throw new Error('the member was not found in the conversation');
    return member;
  }

  async sendPersonal(target: PersonalTarget, activities: Partial<Activity>[]): Promise<void> {
    this.check(target.serviceUrl);
    const key = `${target.workspace}\n${target.user.id}`; // ids never contain control characters (safeId)
    const known = this.personal.get(key);
    if (known && known.serviceUrl === target.serviceUrl) {
      this.personal.delete(key); // least recently used first: this one moves to the end
      this.personal.set(key, known);
      try {
        await this.send(known, activities);
        return;
      } catch {
        // Gone (the app removed and added again, the conversation expired…): open it again, once.
        this.personal.delete(key);
      }
    }
    const pending = this.opening.get(key);
    if (pending) {
      await this.send(await pending, activities);
      return;
    }
    const opening = this.open(target, activities);
    this.opening.set(key, opening);
    try {
      const reference = await opening;
      this.personal.delete(key);
      this.personal.set(key, reference);
      if (this.personal.size > PERSONAL_CACHE_SIZE) this.personal.delete(this.personal.keys().next().value!);
    } finally {
      this.opening.delete(key);
    }
  }

  /** Creates (or finds again) the person's 1:1 conversation and sends the activities into it. */
  private async open(target: PersonalTarget, activities: Partial<Activity>[]): Promise<TeamsReference> {
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: target.bot.id, name: target.bot.name ?? '' },
      members: [{ id: target.user.id, name: target.user.name ?? '' }],
      ...(target.tenantId ? { tenantId: target.tenantId } : {}),
      channelData: target.tenantId ? { tenant: { id: target.tenantId } } : {},
    };
    let reference: TeamsReference | null = null;
    await this.adapter.createConversationAsync(this.appId, target.channelId, target.serviceUrl, DEFAULT_AUDIENCE, parameters, async (context) => {
      const id = safeId(context.activity.conversation?.id);
      if (!id) throw new Error('the connector created a conversation without a usable id');
      reference = {
        channelId: target.channelId,
        serviceUrl: target.serviceUrl,
        conversation: { id, conversationType: 'personal', isGroup: false, ...(target.tenantId ? { tenantId: target.tenantId } : {}) },
        bot: target.bot,
      };
      replyTo(context, undefined);
      await context.sendActivities(activities);
    });
    if (!reference) throw new Error('the 1:1 conversation was not created');
    return reference;
  }

  private check(serviceUrl: string): void {
    if (!isCallableServiceUrl(serviceUrl, this.anonymous)) throw new RefusedServiceUrl(serviceUrl);
  }
}

/**
 * A proactive turn's activity has an id (random, or the new conversation's) that sendActivities would
 * reply to: say what we mean, a reply to `replyToId` or a new activity.
 */
function replyTo(context: TurnContext, replyToId: string | undefined): void {
  context.onSendActivities(async (_ctx, outgoing, next) => {
    for (const activity of outgoing) {
      if (replyToId) activity.replyToId = replyToId;
      else delete activity.replyToId;
    }
    return next();
  });
}

/**
 * An error as it may be logged: name, status and message only. Connector errors carry the HTTP request,
 * Authorization header included, which must never reach the logs.
 */
export function safeError(err: unknown): { type: string; message: string; statusCode?: number } {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as { name?: unknown; message?: unknown; statusCode?: unknown };
  const message = String(e.message ?? '').replace(/Bearer\s+[\w.~+/=-]+/gi, 'Bearer [redacted]').slice(0, 300);
  return { type: typeof e.name === 'string' ? e.name : 'Error', message, ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}) };
}

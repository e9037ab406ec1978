// Posting outside the user's turn: a challenge as a new channel post, a debrief in its thread, the
// post's card updated with its answer count, the scheduler's daily posts. Every call goes through
// CloudAdapter.continueConversationAsync with a stored reference, and only to a callable serviceUrl.
import type { Activity, CloudAdapter } from 'botbuilder';
import { asConversationReference, isCallableServiceUrl, type TeamsReference } from './activity.js';

export interface ChannelSender {
  /** Sends into the reference's conversation (a new post, or a reply to `replyToId`); the sent ids. */
  send(reference: TeamsReference, activities: Partial<Activity>[], options?: { replyToId?: string }): Promise<string[]>;
  /** Replaces a sent activity (a challenge card with its new answer count). */
  update(reference: TeamsReference, activityId: string, activity: Partial<Activity>): Promise<void>;
}

export class RefusedServiceUrl extends Error {
  constructor(serviceUrl: string) {
    let host = '(invalid URL)';
    try { host = new URL(serviceUrl).host; } catch { /* keep the placeholder */ }
    super(`refused to call serviceUrl host ${host}: not allowed in this mode`);
    this.name = 'RefusedServiceUrl';
  }
}

export class CloudSender implements ChannelSender {
  constructor(private readonly adapter: CloudAdapter, private readonly appId: string, private readonly anonymous: boolean) {}

  async send(reference: TeamsReference, activities: Partial<Activity>[], options: { replyToId?: string } = {}): Promise<string[]> {
    this.check(reference);
    let ids: string[] = [];
    await this.adapter.continueConversationAsync(this.appId, asConversationReference(reference), async (context) => {
      // The continuation activity has a random id that sendActivities would reply to: say what we mean.
      context.onSendActivities(async (_ctx, outgoing, next) => {
        for (const activity of outgoing) {
          if (options.replyToId) activity.replyToId = options.replyToId;
          else delete activity.replyToId;
        }
        return next();
      });
      const responses = await context.sendActivities(activities);
      ids = responses.map((r) => r?.id ?? '');
    });
    return ids;
  }

  async update(reference: TeamsReference, activityId: string, activity: Partial<Activity>): Promise<void> {
    this.check(reference);
    await this.adapter.continueConversationAsync(this.appId, asConversationReference(reference), async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  private check(reference: TeamsReference): void {
    if (!isCallableServiceUrl(reference.serviceUrl, this.anonymous)) throw new RefusedServiceUrl(reference.serviceUrl);
  }
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

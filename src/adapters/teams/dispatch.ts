// Delivers the core's replies to Teams with their platform meaning. Teams has no ephemeral messages in
// channels: a private reply is a reply in the conversation of the person's message (its thread in a
// channel). A public challenge is a new post in the channel, its activity id kept (to update its answer
// count, to thread its debrief); a debrief goes in the challenge's thread; other public messages are new
// posts in the channel.
import type { Activity } from 'botbuilder';
import type { Message } from '../../core/message.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, cardText, renderAdaptiveCards, type AdaptiveCard } from '../../render/adaptive-cards.js';
import { parsePostRef, threadOf, type TeamsPostRef, type TeamsReference } from './activity.js';
import type { TeamsDeps } from './context.js';
import { safeError, type ChannelSender } from './sender.js';

export interface DispatchTarget {
  workspace: string;
  channel: string;
  /** The channel's reference (public posts go there, not into the person's thread); null if unknown. */
  reference: TeamsReference | null;
  /** Replies in the current turn; absent outside a turn (the scheduler). */
  reply?: (activities: Partial<Activity>[]) => Promise<unknown>;
}

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  const summary = cardText(card).split('\n')[0]?.slice(0, 120);
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    ...(summary ? { summary } : {}),
  };
}

export const messageActivities = (message: Message): Partial<Activity>[] => renderAdaptiveCards(message).map(cardActivity);

export async function dispatch(deps: TeamsDeps, sender: ChannelSender, target: DispatchTarget, replies: Message[]): Promise<void> {
  for (const message of replies) {
    const activities = messageActivities(message);
    if (message.visibility === 'public' && target.reference) {
      await postPublic(deps, sender, target, target.reference, message, activities);
    } else if (target.reply) {
      await target.reply(activities);
      if (message.ref?.kind === 'feedback') await refreshPost(deps, sender, target.workspace, target.channel, message.ref.challengeId);
    } else {
      deps.logger.warn({ workspace: target.workspace, channel: target.channel }, 'teams: nowhere to deliver a message');
    }
  }
}

async function postPublic(deps: TeamsDeps, sender: ChannelSender, target: DispatchTarget, reference: TeamsReference, message: Message, activities: Partial<Activity>[]): Promise<void> {
  const ref = message.ref;
  if (ref?.kind === 'debrief') {
    const post = parsePostRef(deps.commands.postState(target.workspace, target.channel, ref.challengeId)?.postRef);
    if (post) {
      const thread = threadOf(post.conversationReference, post.activityId);
      await sender.send(thread.reference, activities, thread.replyToId ? { replyToId: thread.replyToId } : {});
      return;
    }
  }
  const ids = await sender.send(reference, activities);
  if (ref?.kind === 'challenge' && ids[0]) {
    await deps.commands.recordPost(target.workspace, target.channel, ref.challengeId, { activityId: ids[0], conversationReference: reference } satisfies TeamsPostRef);
  }
}

/** Updates a posted challenge's card in place (its answer count). */
export async function refreshPost(deps: TeamsDeps, sender: ChannelSender, workspace: string, channel: string, challengeId: string): Promise<void> {
  const state = deps.commands.postState(workspace, channel, challengeId);
  const post = parsePostRef(state?.postRef);
  if (!state || !post) return;
  const [first] = renderAdaptiveCards(state.message);
  try {
    await sender.update(post.conversationReference, post.activityId, cardActivity(first!));
  } catch (err) {
    deps.logger.warn({ error: safeError(err), workspace, channel, challengeId }, 'teams: could not update the challenge post');
  }
}

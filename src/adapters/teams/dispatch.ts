// Delivers the core's replies to Teams with their platform meaning. Teams has no ephemeral messages in
// channels: in a personal (1:1) chat a private reply is a reply there; in a channel or group chat it goes
// to the person's 1:1 chat with the bot, and only a short trace that reveals nothing (see notices.ts) is
// left as a reply to their message, in its thread. A public challenge is a new post in the channel, its
// activity id kept (to update its answer count, to thread its debrief); a debrief goes in the challenge's
// thread; other public messages are new posts in the channel.
import type { Activity } from 'botbuilder';
import type { Lang } from '../../content/model.js';
import { publish, refreshAfter, type PostingSurface } from '../../core/channel-posts.js';
import { publishIncident } from '../../core/incidents/incident-posts.js';
import type { Message } from '../../core/message.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, cardText, renderAdaptiveCards, type AdaptiveCard } from '../../render/adaptive-cards.js';
import { parsePersonalTarget, parsePostRef, parseReference, threadOf, type PersonalTarget, type TeamsPostRef, type TeamsReference } from './activity.js';
import type { TeamsDeps } from './context.js';
import { privateNotice } from './notices.js';
import { cleanName } from '../../text/display-name.js';
import { safeError, type ChannelSender } from './sender.js';

export interface DispatchTarget {
  workspace: string;
  channel: string;
  /** The channel's reference (public posts go there, not into the person's thread); null if unknown. */
  reference: TeamsReference | null;
  /** Replies in the current turn; absent outside a turn (the scheduler). */
  reply?: (activities: Partial<Activity>[]) => Promise<unknown>;
  /**
   * Set in a channel or group chat: private replies go to this person's 1:1 chat with the bot, never
   * into the conversation (a null target, when the activity does not say who or which bot: a notice only).
   */
  privately?: { target: PersonalTarget | null };
}

/** A message whose chart is served by the coach (its address in the card's Image); unchanged when it cannot be. */
async function withChartUrl(deps: TeamsDeps, message: Message): Promise<Message> {
  try {
    const url = await deps.charts?.put(message.chart!.png);
    return url ? { ...message, chart: { ...message.chart!, url } } : message;
  } catch (err) {
    deps.logger.warn({ err }, 'teams: could not keep the chart to serve; the card shows its description');
    return message;
  }
}

function cardActivity(card: AdaptiveCard): Partial<Activity> {
  const summary = cardText(card).split('\n')[0]?.slice(0, 120);
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    ...(summary ? { summary } : {}),
  };
}

// Messages are shared and never change (a playbook asked twice is the same object): render each once.
const rendered = new WeakMap<Message, Partial<Activity>[]>();
export function messageActivities(message: Message): Partial<Activity>[] {
  let activities = rendered.get(message);
  if (!activities) rendered.set(message, (activities = renderAdaptiveCards(message).map(cardActivity)));
  return activities;
}

/**
 * A private copy of the channel's challenge (`scenario`, or `coach post` when it is already posted) only
 * shows what the channel's post shows, and its buttons answer for the conversation they are pressed in:
 * the turn that produces one answers in the conversation, as the public post would.
 */
const isChallengeCopy = (message: Message) => message.visibility === 'private' && message.ref?.kind === 'challenge';

export async function dispatch(deps: TeamsDeps, sender: ChannelSender, target: DispatchTarget, replies: Message[]): Promise<void> {
  const privately = target.privately && !replies.some(isChallengeCopy) ? target.privately : undefined;
  const personal: Message[] = [];
  const posts = teamsPosts(deps, sender, target.reference);
  for (const reply of replies) {
    const message = reply.chart && !reply.chart.url ? await withChartUrl(deps, reply) : reply;
    if (message.to) {
      await deliverTo(deps, sender, target.workspace, message);
    } else if (message.visibility === 'public' && message.incident && deps.incidents) {
      // An incident's posts go to its own channel, through that channel's stored reference (the command
      // may come from the person's 1:1 chat, where the buttons of their draft are).
      await publishIncident(deps.incidents, target.workspace, async (channel) => teamsPosts(deps, sender, await channelReferenceOf(deps, target, channel)), message);
    } else if (message.visibility === 'public' && target.reference) {
      await publish(deps.commands, target, posts, message);
    } else if (message.visibility === 'private' && privately) {
      personal.push(message);
    } else if (target.reply) {
      await target.reply(messageActivities(message));
      await refreshAfter(deps.commands, target, posts, message);
    } else {
      deps.logger.warn({ workspace: target.workspace, channel: target.channel }, 'teams: nowhere to deliver a message');
    }
  }
  if (personal.length && privately) await deliverPrivately(deps, sender, target, privately, personal);
}

/**
 * A message for someone other than the person who asked (Message.to: a debrief's private copy), in their
 * 1:1 chat with the coach, through the target kept when they last wrote to it. False (and logged) when
 * none is kept or Teams refuses: the debrief is in the challenge's thread all the same.
 */
export async function deliverTo(deps: TeamsDeps, sender: ChannelSender, workspace: string, message: Message): Promise<boolean> {
  const user = message.to!;
  const stored = (await deps.port.workspace(workspace).member(user))?.personalTarget;
  const target = parsePersonalTarget(stored, workspace);
  if (!target) {
    deps.logger.warn({ workspace }, 'teams: no 1:1 chat known for a person to send a private message to; skipped');
    return false;
  }
  try {
    await sender.sendPersonal(target, messageActivities(message));
    return true;
  } catch (err) {
    deps.logger.warn({ error: safeError(err), workspace }, 'teams: could not write to a person’s 1:1 chat; private message skipped');
    return false;
  }
}

/**
 * The private replies of a channel or group-chat turn, together, in the person's 1:1 chat; then one
 * trace in the conversation: the answer is recorded, or "I replied privately". When the 1:1 chat cannot
 * be opened the trace says so and how to fix it; the replies themselves are never posted here.
 */
async function deliverPrivately(deps: TeamsDeps, sender: ChannelSender, target: DispatchTarget, who: NonNullable<DispatchTarget['privately']>, messages: Message[]): Promise<void> {
  let delivered = false;
  if (who.target) {
    try {
      await sender.sendPersonal(who.target, messages.map(withoutAnswerButtons).flatMap(messageActivities));
      delivered = true;
    } catch (err) {
      // safeError: connector errors carry the request, Authorization header included.
      deps.logger.warn({ error: safeError(err), workspace: target.workspace, channel: target.channel }, 'teams: could not write to the person’s 1:1 chat; only a notice was left in the conversation');
    }
  } else {
    deps.logger.warn({ workspace: target.workspace, channel: target.channel }, 'teams: no sender or bot id to open a 1:1 chat; only a notice was left in the conversation');
  }
  const feedback = messages.filter((m) => m.ref?.kind === 'feedback');
  const posts = teamsPosts(deps, sender, target.reference);
  for (const message of feedback) await refreshAfter(deps.commands, target, posts, message);
  if (!target.reply) return;
  // The engine marks every reply with the person's language: the trace is written in it too.
  const lang: Lang = feedback[0]?.lang ?? messages.find((m) => m.lang)?.lang ?? 'fr';
  const notice = privateNotice({
    lang, delivered, answer: feedback.length > 0,
    ...(cleanName(who.target?.user.name) ? { name: cleanName(who.target?.user.name)! } : {}),
    ...(who.target?.bot.name ? { app: who.target.bot.name } : {}),
  });
  await target.reply(messageActivities(notice));
}

/**
 * A button that answers a challenge answers for the conversation it is pressed in: from the 1:1 chat it
 * would find no challenge there. Such buttons (a short answer's "send as it is") are left out of what
 * goes to the 1:1 chat; the message itself says how to do the same in the channel (`answer ! …`).
 */
function withoutAnswerButtons(message: Message): Message {
  if (!message.actions?.some((a) => a.value.startsWith('/answer '))) return message;
  const actions = message.actions.filter((a) => !a.value.startsWith('/answer '));
  const { actions: _dropped, ...rest } = message;
  return actions.length ? { ...rest, actions } : rest;
}

/** The reference to post in a channel: the one stored for it, else the current conversation's when it is that channel. */
async function channelReferenceOf(deps: TeamsDeps, target: DispatchTarget, channel: string): Promise<TeamsReference | null> {
  const stored = parseReference((await deps.port.workspace(target.workspace).channel(channel))?.postTarget);
  return stored ?? (channel === target.channel ? target.reference : null);
}

/** How Teams posts in a channel: new posts through the channel's reference, debriefs in the post's thread. */
function teamsPosts(deps: TeamsDeps, sender: ChannelSender, reference: TeamsReference | null): PostingSurface<TeamsPostRef> {
  return {
    readRef: (stored) => parsePostRef(stored) ?? undefined,
    async post(message, thread) {
      const activities = messageActivities(message);
      if (thread) {
        const { reference: inThread, replyToId } = threadOf(thread.conversationReference, thread.activityId);
        await sender.send(inThread, activities, replyToId ? { replyToId } : {});
        return undefined;
      }
      if (!reference) return undefined;
      const [id] = await sender.send(reference, activities);
      return id ? { activityId: id, conversationReference: reference } : undefined;
    },
    async update(post, message) {
      const [first] = renderAdaptiveCards(message);
      try {
        await sender.update(post.conversationReference, post.activityId, cardActivity(first!));
      } catch (err) {
        deps.logger.warn({ error: safeError(err) }, 'teams: could not update the challenge post');
      }
    },
  };
}

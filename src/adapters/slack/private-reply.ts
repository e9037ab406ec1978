// Delivers a private reply so the person always gets it. Slack has three ways, tried in this order, each
// taking over at the part where the one before failed:
//   1. the response_url of the command or button the person used (works in any conversation, the coach a
//      member or not, for 30 minutes);
//   2. chat.postEphemeral in the channel (needs the coach to be in it: `not_in_channel`,
//      `channel_not_found`, `user_not_in_channel`, `is_archived` are its usual refusals);
//   3. a direct message from the coach (conversations.open then chat.postMessage; scope im:write), opened
//      by a line saying why it comes there and, for an answer's feedback, that the answer is recorded.
// Each failure is logged (its Slack error code only); only when all three fail is it an error.
// A message addressed to someone other than the person who asked (Message.to: a debrief's private copy)
// takes `deliverToOther`: a DM first (it stays in their Slack whether or not they are looking), then an
// ephemeral message in the channel; never posted where others could read it.
import type { WebClient } from '@slack/web-api';
import type { Lang } from '../../content/model.js';
import type { Message } from '../../core/message.js';
import { fill } from '../../core/i18n.js';
import { renderBlockKit, type SlackMessage } from '../../render/block-kit.js';
import { slackError, type SlackDeps } from './context.js';
import { allowedResponseUrl, postToResponseUrl } from './response-url.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    feedback: 'Votre réponse au défi est bien enregistrée. Je n’ai pas pu vous écrire dans {channel}, alors voici votre rétroaction ici.',
    other: 'Je n’ai pas pu vous répondre dans {channel}, alors je vous réponds ici.',
    channel: 'le canal',
  },
  en: {
    feedback: 'Your answer to the challenge is recorded. I could not write to you in {channel}, so here is your feedback.',
    other: 'I could not reply to you in {channel}, so here is my reply.',
    channel: 'the channel',
  },
} as const;

export interface PrivateTarget {
  client: WebClient;
  channel: string;
  user: string;
  /** The response_url of the command or button the person used, when there is one. */
  responseUrl?: string;
}

type Route = 'response_url' | 'ephemeral' | 'direct message' | 'other person\'s DM';

/** Sends `message` privately to `target.user`; never throws (a complete failure is logged as an error). */
export async function deliverPrivately(deps: SlackDeps, target: PrivateTarget, message: Message): Promise<void> {
  const routes: Route[] = [];
  const responseUrl = target.responseUrl ? allowedResponseUrl(target.responseUrl, deps.apiUrl) : undefined;
  if (responseUrl) routes.push('response_url');
  if (target.user && target.channel) routes.push('ephemeral');
  if (target.user) routes.push('direct message');
  await deliverBy(deps, routes, target, responseUrl, message);
}

/**
 * Sends `message` privately to `user`, who is not the person who asked: by DM (without the opening
 * notice, which speaks to the asker), else ephemerally in `channel`. Never throws.
 */
export async function deliverToOther(deps: SlackDeps, client: WebClient, user: string, channel: string, message: Message): Promise<void> {
  await deliverBy(deps, ['other person\'s DM', 'ephemeral'], { client, channel, user }, undefined, message);
}

async function deliverBy(deps: SlackDeps, routes: Route[], target: PrivateTarget, responseUrl: URL | undefined, message: Message): Promise<void> {
  const parts = renderBlockKit(message);
  let next = 0;
  for (const route of routes) {
    try {
      next = await sendFrom(route, target, responseUrl, message, parts, next);
      return;
    } catch (err) {
      const failure = err as RouteFailure;
      next = failure.sent;
      const then = routes[routes.indexOf(route) + 1];
      deps.logger.warn({ err: slackError(failure.cause), route, channel: target.channel, ...(then ? { next: then } : {}) }, 'a private reply could not be delivered this way');
    }
  }
  deps.logger.error({ channel: target.channel, routes, parts: parts.length, undelivered: parts.length - next }, 'a private reply could not be delivered at all (every route refused; a direct message needs the im:write scope, see slack/manifest.yaml)');
}

class RouteFailure extends Error {
  constructor(readonly sent: number, override readonly cause: unknown) {
    super('route failed');
  }
}

/** Sends parts[from…] one way; resolves with parts.length, or throws a RouteFailure saying how many were sent in all. */
async function sendFrom(route: Route, target: PrivateTarget, responseUrl: URL | undefined, message: Message, parts: SlackMessage[], from: number): Promise<number> {
  let i = from;
  try {
    if (route === 'direct message' || route === 'other person\'s DM') {
      const opened = await target.client.conversations.open({ users: target.user });
      const dm = opened.channel?.id;
      if (!dm) throw new Error('conversations.open gave no channel');
      if (route === 'direct message') {
        const notice = noticeFor(message, target.channel);
        await target.client.chat.postMessage({ channel: dm, text: notice.text, blocks: notice.blocks as never, unfurl_links: false, unfurl_media: false });
      }
      for (; i < parts.length; i++) {
        const part = parts[i]!;
        await target.client.chat.postMessage({ channel: dm, text: part.text, blocks: part.blocks as never, unfurl_links: false, unfurl_media: false });
      }
      return i;
    }
    for (; i < parts.length; i++) {
      const part = parts[i]!;
      if (route === 'response_url') await postToResponseUrl(responseUrl!, ephemeralBody(part));
      else await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, text: part.text, blocks: part.blocks as never });
    }
    return i;
  } catch (err) {
    throw new RouteFailure(i, err);
  }
}

/**
 * The line that comes first in the direct message: why the reply comes there and, for an answer's
 * feedback, that the answer is recorded. The channel is a Slack link when its id is a channel's.
 */
function noticeFor(message: Message, channel: string): SlackMessage {
  const lang: Lang = message.lang ?? 'fr';
  const s = STRINGS[lang];
  const template = message.ref?.kind === 'feedback' ? s.feedback : s.other;
  const link = /^[CG][A-Z0-9]{2,}$/.test(channel) ? `<#${channel}>` : s.channel;
  return {
    text: fill(template, { channel: s.channel }),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: fill(template, { channel: link }) } }],
  };
}

// A playbook asked a thousand times is the same payload: serialise and encode each rendered part once.
const bodies = new WeakMap<SlackMessage, Buffer>();
function ephemeralBody(part: SlackMessage): Buffer {
  let body = bodies.get(part);
  if (!body) bodies.set(part, (body = Buffer.from(JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks }))));
  return body;
}

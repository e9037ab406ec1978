// Delivers the core's replies to Slack: public messages through the core's channel-post rules (a challenge
// kept with its ts, a debrief in its thread), private ones as ephemeral messages (through the
// response_url when there is one), and an answer's feedback refreshes the challenge post.
import type { WebClient } from '@slack/web-api';
import { publish, refreshAfter, type PostingSurface } from '../../core/channel-posts.js';
import { publishIncident } from '../../core/incidents/incident-posts.js';
import type { Message } from '../../core/message.js';
import { renderBlockKit, type SlackMessage } from '../../render/block-kit.js';
import { isAllowedResponseUrl, postToResponseUrl } from './response-url.js';
import type { SlackDeps } from './context.js';

interface SlackPostRef { channel: string; ts: string }

export interface DispatchTarget {
  client: WebClient;
  workspace: string;
  channel: string;
  user: string;
  /** The slash command's or action's response_url, for ephemeral replies anywhere. */
  responseUrl?: string;
}

/** A private message to one member outside any request (an incident's escalation): in their direct chat with the coach. */
export async function sendDirect(client: WebClient, user: string, message: Message): Promise<void> {
  const opened = await client.conversations.open({ users: user });
  const channel = (opened.channel as { id?: string } | undefined)?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  for (const part of renderBlockKit(message)) {
    await client.chat.postMessage({ channel, text: part.text, blocks: part.blocks as never, unfurl_links: false, unfurl_media: false });
  }
}

export async function dispatch(deps: SlackDeps, target: DispatchTarget, replies: Message[]): Promise<void> {
  const surface = slackPosts(deps, target.client, target.channel);
  for (const message of replies) {
    if (message.visibility === 'public') {
      // An incident's posts go to its own channel (a command may come from elsewhere, e.g. a modal).
      if (message.incident && deps.incidents) await publishIncident(deps.incidents, target.workspace, (channel) => slackPosts(deps, target.client, channel), message);
      else await publish(deps.commands, target, surface, message);
      continue;
    }
    for (const part of renderBlockKit(message)) {
      if (target.responseUrl && isAllowedResponseUrl(target.responseUrl, deps.apiUrl)) await postToResponseUrl(target.responseUrl, ephemeralBody(part));
      else await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, text: part.text, blocks: part.blocks as never });
    }
    await refreshAfter(deps.commands, target, surface, message);
  }
}

function slackPosts(deps: SlackDeps, client: WebClient, channel: string): PostingSurface<SlackPostRef> {
  return {
    readRef: (stored) => {
      const ref = stored as Partial<SlackPostRef> | null | undefined;
      return typeof ref?.ts === 'string' && typeof ref.channel === 'string' ? { channel: ref.channel, ts: ref.ts } : undefined;
    },
    async post(message, thread) {
      let first: string | undefined;
      for (const part of renderBlockKit(message)) {
        const res = await client.chat.postMessage({
          channel, text: part.text, blocks: part.blocks as never, unfurl_links: false, unfurl_media: false,
          ...(thread ? { thread_ts: thread.ts, reply_broadcast: false } : {}),
        });
        first ??= res.ts;
      }
      return first ? { channel, ts: first } : undefined;
    },
    async update(ref, message) {
      const [first] = renderBlockKit(message);
      try {
        await client.chat.update({ channel: ref.channel, ts: ref.ts, text: first!.text, blocks: first!.blocks as never });
      } catch (err) {
        deps.logger.warn({ err, channel: ref.channel }, message.incident ? 'could not update the incident post' : 'could not update the challenge post');
      }
    },
  };
}

// A playbook asked a thousand times is the same payload: serialise each rendered part once.
const bodies = new WeakMap<SlackMessage, string>();
function ephemeralBody(part: SlackMessage): string {
  let body = bodies.get(part);
  if (!body) bodies.set(part, (body = JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks })));
  return body;
}

// Delivers the core's replies to Slack: public messages through the core's channel-post rules (a challenge
// kept with its ts, a debrief in its thread), private ones as ephemeral messages (through the
// response_url when there is one), and an answer's feedback refreshes the challenge post.
import type { WebClient } from '@slack/web-api';
import { publish, refreshAfter, type PostingSurface } from '../../core/channel-posts.js';
import type { Message } from '../../core/message.js';
import { renderBlockKit, type SlackMessage } from '../../render/block-kit.js';
import { allowedResponseUrl, postToResponseUrl } from './response-url.js';
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

export async function dispatch(deps: SlackDeps, target: DispatchTarget, replies: Message[]): Promise<void> {
  const surface = slackPosts(deps, target.client, target.channel);
  const responseUrl = target.responseUrl ? allowedResponseUrl(target.responseUrl, deps.apiUrl) : undefined;
  for (const message of replies) {
    if (message.visibility === 'public') {
      await publish(deps.commands, target, surface, message);
      continue;
    }
    for (const part of renderBlockKit(message)) {
      if (responseUrl) await postToResponseUrl(responseUrl, ephemeralBody(part));
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
        deps.logger.warn({ err, channel: ref.channel }, 'could not update the challenge post');
      }
    },
  };
}

// A playbook asked a thousand times is the same payload: serialise and encode each rendered part once.
const bodies = new WeakMap<SlackMessage, Buffer>();
function ephemeralBody(part: SlackMessage): Buffer {
  let body = bodies.get(part);
  if (!body) bodies.set(part, (body = Buffer.from(JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks }))));
  return body;
}

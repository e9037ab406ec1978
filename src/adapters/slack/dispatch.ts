// Delivers the core's replies to Slack: public messages through the core's channel-post rules (a challenge
// kept with its ts, a debrief in its thread), private ones so the person always gets them (the
// response_url, else an ephemeral message, else a direct message: private-reply.ts), private ones
// addressed to someone else by DM, else ephemerally (private-reply.ts too), and an answer's feedback refreshes the challenge post.
import type { WebClient } from '@slack/web-api';
import { publish, refreshAfter, type PostingSurface } from '../../core/channel-posts.js';
import { publishIncident } from '../../core/incidents/incident-posts.js';
import type { Message } from '../../core/message.js';
import { renderBlockKit } from '../../render/block-kit.js';
import { deliverPrivately, deliverToOther } from './private-reply.js';
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
  for (const message of replies) {
    if (message.to) {
      await deliverToOther(deps, target.client, message.to, target.channel, message);
      continue;
    }
    if (message.visibility === 'public') {
      // An incident's posts go to its own channel (a command may come from elsewhere, e.g. a modal).
      if (message.incident && deps.incidents) await publishIncident(deps.incidents, target.workspace, (channel) => slackPosts(deps, target.client, channel), message);
      else await publish(deps.commands, target, surface, message);
      continue;
    }
    await deliverPrivately(deps, target, message);
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

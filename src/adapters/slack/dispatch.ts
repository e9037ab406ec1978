// Delivers the core's replies to Slack: public messages through the core's channel-post rules (a challenge
// kept with its ts, a debrief in its thread), private ones so the person always gets them (the
// response_url, else an ephemeral message, else a direct message: private-reply.ts), private ones
// addressed to someone else by DM, else ephemerally (private-reply.ts too), and an answer's feedback refreshes the challenge post.
import type { WebClient } from '@slack/web-api';
import { publish, refreshAfter, type PostingSurface } from '../../core/channel-posts.js';
import { publishIncident } from '../../core/incidents/incident-posts.js';
import type { ChartImage, Message } from '../../core/message.js';
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
      if (message.chart) await uploadChart(deps, target.client, target.channel, message.chart);
      continue;
    }
    await deliverPrivately(deps, target, message);
    await refreshAfter(deps.commands, target, surface, message);
  }
}

/** Slack's longest alt text for an uploaded image. */
export const MAX_SLACK_ALT_TEXT = 1000;

/**
 * Posts a message's chart in the channel, right after its text, with files.uploadV2 (files.upload is
 * retired): files.getUploadURLExternal, the bytes to the URL it gives, files.completeUploadExternal. Needs
 * the `files:write` scope; a refusal is logged and the text already posted stands.
 */
async function uploadChart(deps: SlackDeps, client: WebClient, channel: string, chart: ChartImage): Promise<void> {
  const alt = chart.alt.length > MAX_SLACK_ALT_TEXT ? `${chart.alt.slice(0, MAX_SLACK_ALT_TEXT - 1)}…` : chart.alt;
  try {
    await client.filesUploadV2({ channel_id: channel, file: Buffer.from(chart.png), filename: chart.filename, title: chart.title, alt_text: alt });
  } catch (err) {
    deps.logger.warn({ err, channel }, 'could not upload the chart (does the app have the files:write scope? reinstall it from slack/manifest.yaml)');
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

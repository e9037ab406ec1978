// Delivers the core's replies to Slack with their platform meaning: a public challenge is posted and its
// ts kept (to update its answer count, to thread its debrief); a debrief goes in the challenge's thread;
// feedback is private and refreshes the post's answer count; other private replies are ephemeral.
import type { WebClient } from '@slack/web-api';
import type { Message } from '../../core/message.js';
import { renderBlockKit, type SlackMessage } from '../../render/block-kit.js';
import { isAllowedResponseUrl, postToResponseUrl } from './response-url.js';
import type { SlackDeps } from './context.js';

export interface SlackPostRef { channel: string; ts: string }

export interface DispatchTarget {
  client: WebClient;
  workspace: string;
  channel: string;
  user: string;
  /** The slash command's or action's response_url, for ephemeral replies anywhere. */
  responseUrl?: string;
}

export async function dispatch(deps: SlackDeps, target: DispatchTarget, replies: Message[]): Promise<void> {
  for (const message of replies) {
    const parts = renderBlockKit(message);
    if (message.visibility === 'public') {
      const ref = message.ref;
      const thread = ref?.kind === 'debrief' ? postRefOf(deps, target, ref.challengeId)?.ts : undefined;
      let firstTs: string | undefined;
      for (const part of parts) {
        const res = await target.client.chat.postMessage({
          channel: target.channel, text: part.text, blocks: part.blocks as never, unfurl_links: false, unfurl_media: false,
          ...(thread ? { thread_ts: thread, reply_broadcast: false } : {}),
        });
        firstTs ??= res.ts;
      }
      if (ref?.kind === 'challenge' && firstTs) {
        await deps.commands.recordPost(target.workspace, target.channel, ref.challengeId, { channel: target.channel, ts: firstTs } satisfies SlackPostRef);
      }
    } else {
      for (const part of parts) {
        if (target.responseUrl && isAllowedResponseUrl(target.responseUrl, deps.apiUrl)) {
          await postToResponseUrl(target.responseUrl, ephemeralBody(part));
        }
        else await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, text: part.text, blocks: part.blocks as never });
      }
      if (message.ref?.kind === 'feedback') await refreshPost(deps, target.client, target.workspace, target.channel, message.ref.challengeId);
    }
  }
}

/** Updates a posted challenge (its answer count) in place. */
export async function refreshPost(deps: SlackDeps, client: WebClient, workspace: string, channel: string, challengeId: string): Promise<void> {
  const state = deps.commands.postState(workspace, channel, challengeId);
  const ref = state?.postRef as SlackPostRef | undefined;
  if (!state || !ref?.ts) return;
  const [first] = renderBlockKit(state.message);
  try {
    await client.chat.update({ channel: ref.channel, ts: ref.ts, text: first!.text, blocks: first!.blocks as never });
  } catch (err) {
    deps.logger.warn({ err, channel, challengeId }, 'could not update the challenge post');
  }
}

// A playbook asked a thousand times is the same payload: serialise each rendered part once.
const bodies = new WeakMap<SlackMessage, string>();
function ephemeralBody(part: SlackMessage): string {
  let body = bodies.get(part);
  if (!body) bodies.set(part, (body = JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks })));
  return body;
}

function postRefOf(deps: SlackDeps, target: DispatchTarget, challengeId: string): SlackPostRef | undefined {
  return deps.commands.postState(target.workspace, target.channel, challengeId)?.postRef as SlackPostRef | undefined;
}

// Channel listening: offer a playbook in the thread of a message that describes a live situation.
// Never for bot messages, edits, or the bot's own posts.
import type { App } from '@slack/bolt';
import { renderBlockKit } from '../../../render/block-kit.js';
import type { SlackDeps } from '../context.js';

export function registerMessages(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as { subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; ts: string; thread_ts?: string; channel_type?: string };
    if (message.subtype || message.bot_id || !message.user || !message.text) return;
    if (message.user === context.botUserId || message.channel_type === 'im') return;
    const workspace = (body as { team_id?: string }).team_id ?? context.teamId ?? '';
    if (!workspace) return;
    const offer = deps.listener.consider({ workspace, channel: message.channel, user: message.user, text: message.text });
    if (!offer) return;
    for (const part of renderBlockKit(offer)) {
      await client.chat.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, text: part.text, blocks: part.blocks as never, unfurl_links: false });
    }
  });
}

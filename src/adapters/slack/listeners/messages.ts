// Channel listening: offer a playbook in the thread of a message that describes a live situation.
// Only messages a person wrote count: Slack gives every other message a subtype (a bot's post, an edit,
// a deletion, a join, a topic change, a pin…), and a few subtypes that ARE a person speaking are let in
// by name, so a subtype Slack adds later is ignored until someone decides it is speech.
import type { App } from '@slack/bolt';
import { renderBlockKit } from '../../../render/block-kit.js';
import { slackError, type SlackDeps } from '../context.js';
import { decodeSlackText } from '../slack-text.js';

/**
 * Message subtypes written by a person (Slack's "Message subtypes" reference): a message with a file or a
 * screenshot, a thread reply also sent to the channel, a /me message. No subtype: an ordinary message.
 */
export const SPOKEN_SUBTYPES: ReadonlySet<string> = new Set(['file_share', 'thread_broadcast', 'me_message']);

interface MessageEvent {
  subtype?: string;
  bot_id?: string;
  hidden?: boolean;
  user?: string;
  text?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  channel_type?: string;
}

/** Whether a message event is a person speaking in a channel (not the coach itself, not a DM). */
export function isSpokenMessage(message: MessageEvent, botUserId: string | undefined): boolean {
  if (message.subtype !== undefined && !SPOKEN_SUBTYPES.has(message.subtype)) return false;
  if (message.bot_id || message.hidden || !message.user || !message.text?.trim()) return false;
  return message.user !== botUserId && message.channel_type !== 'im' && message.channel_type !== 'mpim';
}

export function registerMessages(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as MessageEvent;
    if (!isSpokenMessage(message, context.botUserId)) return;
    const workspace = (body as { team_id?: string }).team_id ?? context.teamId ?? '';
    if (!workspace) return;
    const { text } = decodeSlackText(message.text!);
    try {
      await deps.listener.offer({ workspace, channel: message.channel, user: message.user!, text, platform: 'slack' }, async (offer) => {
        for (const part of renderBlockKit(offer)) {
          await client.chat.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, text: part.text, blocks: part.blocks as never, unfurl_links: false });
        }
      });
    } catch (err) {
      // Not muted: the next message about this situation gets its chance (ChannelListener.offer).
      deps.logger.warn({ err: slackError(err), channel: message.channel }, 'channel listening: the playbook offer could not be posted');
    }
  });
}

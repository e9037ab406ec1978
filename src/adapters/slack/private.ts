// A private message to someone other than the person who asked (Message.to: a debrief's private copy):
// a DM from the coach (conversations.open, then chat.postMessage), which stays in their Slack whether or
// not they are looking; if Slack refuses the DM, an ephemeral message in the channel, which they see if
// they are there. Never posted where others could read it.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../app/logger.js';
import type { Message } from '../../core/message.js';
import { renderBlockKit } from '../../render/block-kit.js';

export async function sendPrivately(client: WebClient, logger: Logger, user: string, channel: string, message: Message): Promise<boolean> {
  const parts = renderBlockKit(message);
  try {
    const opened = await client.conversations.open({ users: user });
    const dm = (opened.channel as { id?: string } | undefined)?.id;
    if (!dm) throw new Error('conversations.open returned no channel');
    for (const part of parts) await client.chat.postMessage({ channel: dm, text: part.text, blocks: part.blocks as never, unfurl_links: false, unfurl_media: false });
    return true;
  } catch (err) {
    logger.warn({ err: errorCode(err), user, channel }, 'slack: could not send a private message by DM; trying an ephemeral message in the channel');
  }
  try {
    for (const part of parts) await client.chat.postEphemeral({ channel, user, text: part.text, blocks: part.blocks as never });
    return true;
  } catch (err) {
    logger.warn({ err: errorCode(err), user, channel }, 'slack: could not deliver a private message');
    return false;
  }
}

/** Slack's error code (`not_in_channel`, `missing_scope`…) or the message: never the request or token. */
function errorCode(err: unknown): string {
  const e = err as { data?: { error?: unknown }; message?: unknown } | null;
  return typeof e?.data?.error === 'string' ? e.data.error : String(e?.message ?? err).slice(0, 200);
}

// Buttons: each carries the command it stands for (an answer, a playbook); "answer in my own words"
// opens a modal. Answers to button clicks are private.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ACTION_PREFIX, INPUT_ACTION, LINK_ACTION, langOfBlock, renderBlockKit } from '../../../render/block-kit.js';
import type { Message } from '../../../core/message.js';
import { afterAck, userLocale, type SlackDeps } from '../context.js';
import { dispatch } from '../dispatch.js';
import { slackRequestBase } from '../request-base.js';
import { answerModal } from '../views.js';
import { isIncidentInput, openIncidentModal } from '../incident-views.js';
import { isQueueInput, openQueueModal } from '../queue-views.js';

export function registerActions(app: App, deps: SlackDeps): void {
  // One listener for all our buttons (fewer listeners, faster acknowledgements): the input button opens
  // the modal, the others carry the command they stand for.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client }) => {
    await ack();
    await afterAck();
    if (action.action_id === INPUT_ACTION) {
      if (isQueueInput(action.value)) return openQueueModal(deps, client, body, action);
      return isIncidentInput(action.value) ? openIncidentModal(deps, client, body, action) : openAnswerModal(deps, client, body, action);
    }
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const channel = body.channel?.id ?? body.user.id;
    const contextLang = langOfBlock(action.block_id);
    const base = await slackRequestBase(client, {
      workspace, channel, user: body.user.id,
      ...(body.user.name ?? body.user.username ? { userName: body.user.name ?? body.user.username } : {}),
      ...(body.channel?.name ? { channelName: body.channel.name } : {}),
    });
    const replies = await deps.engine.handle({ ...base, text: action.value ?? '', ...(contextLang ? { contextLang } : {}) });
    if (!body.channel) {
      // A button on the App Home tab: there is no channel to answer in, so the answer opens as a modal.
      await client.views.open({ trigger_id: body.trigger_id, view: replyModal(replies) as never });
      return;
    }
    await dispatch(deps, { client, workspace, channel, user: body.user.id, responseUrl: body.response_url }, replies);
  });

  // A link button ("Open in browser"): Slack opens the page itself; the click only needs its acknowledgement.
  app.action(new RegExp(`^${LINK_ACTION}:`), async ({ ack }) => {
    await ack();
  });

}

async function openAnswerModal(deps: SlackDeps, client: WebClient, body: BlockAction<ButtonAction>, action: ButtonAction): Promise<void> {
  const workspace = body.team?.id ?? body.user.team_id ?? '';
  const channel = body.channel?.id ?? '';
  const contextLang = langOfBlock(action.block_id);
  const lang = await deps.engine.langOf({
    workspace, channel, user: body.user.id, locale: await userLocale(client, workspace, body.user.id), text: '', ...(contextLang ? { contextLang } : {}),
  });
  const meta = { channel, prefix: action.value ?? '', lang, ...(body.response_url && body.response_url.length <= 1000 ? { responseUrl: body.response_url } : {}) };
  await client.views.open({ trigger_id: body.trigger_id, view: answerModal(meta, lang) as never });
}


/** Replies shown in a modal (Slack allows 100 blocks there); the title is the first heading. */
function replyModal(replies: Message[]) {
  const blocks = replies.flatMap((m) => renderBlockKit(m).flatMap((part) => part.blocks)).filter((b) => b.type !== 'actions');
  const heading = replies.find((m) => m.heading)?.heading ?? 'Support Coach';
  return {
    type: 'modal',
    title: { type: 'plain_text', text: heading.length > 24 ? `${heading.slice(0, 23)}…` : heading },
    close: { type: 'plain_text', text: 'OK' },
    blocks: blocks.slice(0, 100),
  };
}

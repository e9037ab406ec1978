// Buttons: each carries the command it stands for (an answer, a playbook); "answer in my own words"
// opens a modal. Answers to button clicks are private.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PREFIX, INPUT_ACTION } from '../../../render/block-kit.js';
import { userLocale, type SlackDeps } from '../context.js';
import { dispatch } from '../dispatch.js';
import { answerModal } from '../views.js';

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_PREFIX}\\d+$`), async ({ ack, body, action, client, respond }) => {
    await ack();
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const channel = body.channel?.id ?? body.user.id;
    const replies = await deps.engine.handle({
      workspace, channel, user: body.user.id, userName: body.user.name ?? body.user.username,
      locale: await userLocale(client, workspace, body.user.id), text: action.value ?? '', platform: 'slack',
    });
    await dispatch(deps, { client, workspace, channel, user: body.user.id, ...(body.channel ? { respond } : {}) }, replies);
  });

  app.action<BlockAction<ButtonAction>>(INPUT_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const locale = await userLocale(client, workspace, body.user.id);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: answerModal({ channel: body.channel?.id ?? '', prefix: action.value ?? '' }, locale?.startsWith('en') ? 'en' : 'fr') as never,
    });
  });
}


// Slash commands: acknowledged at once, answered after the acknowledgement. One listener for all of them
// (Bolt runs every listener's matching for every request: fewer listeners, faster acknowledgements).
import type { App } from '@slack/bolt';
import { afterAck, userLocale, type SlackDeps } from '../context.js';
import { dispatch } from '../dispatch.js';
import { decodeSlackText } from '../slack-text.js';

/** Every command the help shows on Slack: each must be declared in slack/manifest.yaml (test/slack/manifest.test.ts). */
export const SLASH_COMMANDS = ['/playbook', '/scenario', '/answer', '/leaderboard', '/coach'] as const;
const COMMAND = new RegExp(`^(${SLASH_COMMANDS.map((c) => c.replace('/', '\\/')).join('|')})$`);

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, client }) => {
    await ack();
    await afterAck();
    // Slack's sequences and entities decoded once, here: the core stores and shows plain text.
    const { text, mentions } = decodeSlackText(command.text ?? '');
    const request = {
      workspace: command.team_id,
      channel: command.channel_id,
      channelName: command.channel_name,
      user: command.user_id,
      userName: command.user_name,
      locale: await userLocale(client, command.team_id, command.user_id),
      text: `${command.command} ${text}`,
      platform: 'slack' as const,
      ...(mentions.length ? { mentions } : {}),
    };
    const replies = await deps.engine.handle(request);
    await dispatch(deps, { client, workspace: command.team_id, channel: command.channel_id, user: command.user_id, responseUrl: command.response_url }, replies);
  });
}

// Slash commands: acknowledged at once, answered after the acknowledgement.
import type { App } from '@slack/bolt';
import { afterAck, userLocale, type SlackDeps } from '../context.js';
import { dispatch } from '../dispatch.js';

export const SLASH_COMMANDS = ['/playbook', '/scenario', '/leaderboard', '/coach'] as const;

export function registerCommands(app: App, deps: SlackDeps): void {
  for (const name of SLASH_COMMANDS) {
    app.command(name, async ({ command, ack, client }) => {
      await ack();
      await afterAck();
      const request = {
        workspace: command.team_id,
        channel: command.channel_id,
        channelName: command.channel_name,
        user: command.user_id,
        userName: command.user_name,
        locale: await userLocale(client, command.team_id, command.user_id),
        text: `${name} ${command.text ?? ''}`,
        platform: 'slack' as const,
      };
      const replies = await deps.engine.handle(request);
      await dispatch(deps, { client, workspace: command.team_id, channel: command.channel_id, user: command.user_id, responseUrl: command.response_url }, replies);
    });
  }
}

// Slash commands: acknowledged at once, answered after the acknowledgement. One listener for all of them
// (Bolt runs every listener's matching for every request: fewer listeners, faster acknowledgements).
import type { App } from '@slack/bolt';
import { afterAck, userLocale, type SlackDeps } from '../context.js';
import { dispatch } from '../dispatch.js';

export const SLASH_COMMANDS = ['/playbook', '/scenario', '/leaderboard', '/coach', '/incident'] as const;
const COMMAND = new RegExp(`^(${SLASH_COMMANDS.map((c) => c.replace('/', '\\/')).join('|')})$`);

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, client }) => {
    await ack();
    await afterAck();
    const { text, mentions } = slackMentions(unescapeSlack(command.text ?? ''));
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

/** Commands with should_escape send &amp; &lt; &gt; for the characters themselves (mentions stay <@U…>). */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;(?![@#!])/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Slack writes a mention as <@U123|name> (escaped commands): the core reads `@U123`, the name aside. */
function slackMentions(raw: string): { text: string; mentions: { id: string; name?: string }[] } {
  const mentions: { id: string; name?: string }[] = [];
  const text = raw.replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_, id: string, name?: string) => {
    mentions.push({ id, ...(name ? { name } : {}) });
    return `@${id}`;
  });
  return { text, mentions };
}

// Slash commands: acknowledged at once, answered after the acknowledgement. One listener for all of them
// (Bolt runs every listener's matching for every request: fewer listeners, faster acknowledgements). Over
// HTTP the receiver acknowledges them itself and calls `answerCommand` without Bolt (see receiver.ts);
// in Socket Mode they come through this listener.
import type { App, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { afterAck, type SlackDeps } from '../context.js';
import { resolveMentions } from '../people.js';
import { slackRequestBase } from '../request-base.js';
import { dispatch } from '../dispatch.js';
import { decodeSlackText } from '../slack-text.js';

/** Every command the help shows on Slack: each must be declared in slack/manifest.yaml (test/slack/manifest.test.ts). */
export const SLASH_COMMANDS = ['/playbook', '/scenario', '/answer', '/leaderboard', '/coach', '/incident'] as const;
const COMMAND = new RegExp(`^(${SLASH_COMMANDS.map((c) => c.replace('/', '\\/')).join('|')})$`);

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, client, context }) => {
    await ack();
    await afterAck();
    await answerCommand(deps, client, command, context.botUserId);
  });
}

/**
 * Runs one (already acknowledged) slash command through the core and delivers the replies. `botUserId`:
 * the coach's own Slack user id, so an award to it is refused as to a bot.
 */
export async function answerCommand(deps: SlackDeps, client: WebClient, command: SlashCommand, botUserId?: string): Promise<void> {
  // Slack's sequences and entities decoded once, here: the core stores and shows plain text.
  const { text, mentions } = decodeSlackText(command.text ?? '');
  const base = await slackRequestBase(client, {
    workspace: command.team_id, channel: command.channel_id, user: command.user_id, userName: command.user_name, channelName: command.channel_name,
  });
  const named = mentions.length ? await resolveMentions(client, command.team_id, mentions, botUserId) : [];
  const request = { ...base, text: `${command.command} ${text}`, ...(named.length ? { mentions: named } : {}) };
  const replies = await deps.engine.handle(request);
  await dispatch(deps, { client, workspace: command.team_id, channel: command.channel_id, user: command.user_id, responseUrl: command.response_url }, replies);
}

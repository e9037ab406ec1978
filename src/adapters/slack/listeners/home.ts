// App Home: the person's points, rank and streak, their team's leaderboard, the playbook index.
import type { App } from '@slack/bolt';
import { homeMessage } from '../../../core/home.js';
import { renderBlockKit } from '../../../render/block-kit.js';
import { userLocale, type SlackDeps } from '../context.js';

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const workspace = (body as { team_id?: string }).team_id ?? '';
    const lang = await deps.engine.langOf({ workspace, channel: event.channel, user: event.user, locale: await userLocale(client, workspace, event.user), text: '' });
    const message = await homeMessage(deps.library, deps.port.workspace(workspace), event.user, lang, deps.clock.now(), deps.timeZone);
    const blocks = renderBlockKit(message).flatMap((m) => m.blocks).slice(0, 100);
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: blocks as never } });
  });
}

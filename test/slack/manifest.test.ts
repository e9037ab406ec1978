// The app manifest a Slack admin pastes must match what the app handles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SLASH_COMMANDS } from '../../src/adapters/slack/listeners/commands.js';
import { root } from '../helpers.js';

const manifest = parse(readFileSync(join(root, 'slack/manifest.yaml'), 'utf8'));

test('every slash command, event and the interactivity URL point at /slack/events', () => {
  expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual([...SLASH_COMMANDS].sort());
  for (const c of manifest.features.slash_commands) expect(c.url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'message.channels']));
  expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'users:read']));
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
});

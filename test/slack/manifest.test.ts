// The app manifest a Slack admin pastes must match what the app handles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SLASH_COMMANDS } from '../../src/adapters/slack/listeners/commands.js';
import { helpLines } from '../../src/core/i18n.js';
import { tc } from '../../src/core/challenge-i18n.js';
import { root } from '../helpers.js';
import { BOT_SCOPES, REDIRECT_PATH } from '../../src/adapters/slack/oauth.js';

const manifest = parse(readFileSync(join(root, 'slack/manifest.yaml'), 'utf8'));

test('every slash command, event and the interactivity URL point at /slack/events', () => {
  expect(manifest.features.slash_commands.map((c: { command: string }) => c.command).sort()).toEqual([...SLASH_COMMANDS].sort());
  for (const c of manifest.features.slash_commands) expect(c.url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'message.channels']));
  expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'channels:history', 'users:read', 'im:write']));
  // The direct-message fallback of private replies must be visible to the person (read-only tab).
  expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: true });
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
});

test('every command the help and the challenge hints show in Slack is a declared slash command', () => {
  const declared = new Set(manifest.features.slash_commands.map((c: { command: string }) => c.command));
  expect(declared.has('/answer')).toBe(true);
  for (const lang of ['fr', 'en'] as const) {
    const shown = commandsIn([...helpLines(lang, true), tc(lang, 'answerUsage'), tc(lang, 'ownWordsHint')]);
    expect([...shown]).toEqual(expect.arrayContaining(['/playbook', '/scenario', '/answer', '/leaderboard', '/coach']));
    for (const command of shown) expect(declared).toContain(command);
  }
});

test('/answer in the manifest: its own text, not escaped (mentions are for /coach award only)', () => {
  const answer = manifest.features.slash_commands.find((c: { command: string }) => c.command === '/answer');
  expect(answer).toMatchObject({ should_escape: false });
  expect(answer.url).toMatch(/\/slack\/events$/);
  expect(answer.description.length).toBeLessThanOrEqual(100);
});

/** The slash commands lines of text mention: `/answer N` → /answer. */
function commandsIn(lines: readonly string[]): Set<string> {
  return new Set(lines.flatMap((line) => [...line.matchAll(/(?:^|[\s(:;,])(\/[a-zà-ÿ]+)/g)].map((m) => m[1]!)));
}

test('the OAuth install asks for exactly the manifest’s bot scopes; uninstall events and the redirect URL are declared', () => {
  expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  expect(manifest.oauth_config.redirect_urls).toEqual([`https://coach.example.org${REDIRECT_PATH}`]);
  expect(typeof manifest.settings.token_rotation_enabled).toBe('boolean');
});

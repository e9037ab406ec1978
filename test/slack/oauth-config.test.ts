// Slack's two modes at start: one workspace (SLACK_BOT_TOKEN) or many (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET,
// SLACK_STATE_SECRET). Incomplete or mixed settings stop the start with one clear message each and never
// show a secret; the start says which mode runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openCoach } from '../../src/app/open-coach.js';
import { serve } from '../../src/app/serve.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig, slackWorkspaces } from '../../src/config.js';
import { root } from '../helpers.js';
import { FakeSlack } from './fake-slack.js';

const SIGNING = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OAUTH = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00', SLACK_STATE_SECRET: 'a-long-random-state-secret' };

function errorsOf(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  return result.ok ? [] : result.errors;
}

test('many workspaces need the three OAuth variables together, and not SLACK_BOT_TOKEN', () => {
  expect(errorsOf({ SLACK_CLIENT_ID: '1111.2222', SLACK_SIGNING_SECRET: SIGNING })).toEqual([
    'SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: missing; installing in many Slack workspaces (OAuth) needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET together (SLACK_CLIENT_ID is set).',
  ]);
  expect(errorsOf({ SLACK_CLIENT_SECRET: OAUTH.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: OAUTH.SLACK_STATE_SECRET, SLACK_SIGNING_SECRET: SIGNING })[0])
    .toMatch(/^SLACK_CLIENT_ID: missing; .*\(SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are set\)\.$/);
  expect(errorsOf({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SIGNING })).toEqual([
    expect.stringMatching(/^SLACK_BOT_TOKEN: must not be set with SLACK_CLIENT_ID \(OAuth\)/),
  ]);
  expect(errorsOf({ ...OAUTH })).toEqual(['SLACK_SIGNING_SECRET: missing; HTTP mode needs it (or set SLACK_APP_TOKEN for Socket Mode).']);
  expect(errorsOf({ SLACK_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:1/authorize' })).toEqual([expect.stringMatching(/^SLACK_OAUTH_AUTHORIZE_URL: only used with/)]);
});

test('a malformed OAuth secret is named, never shown', () => {
  const errors = errorsOf({ ...OAUTH, SLACK_CLIENT_SECRET: 'not-hex-secretish', SLACK_STATE_SECRET: 'short-secretish', SLACK_SIGNING_SECRET: SIGNING });
  expect(errors).toEqual([
    'SLACK_CLIENT_SECRET: must be the app’s Client Secret (hexadecimal) (value hidden).',
    expect.stringMatching(/^SLACK_STATE_SECRET: must be at least 16 characters .*\(value hidden\)\.$/),
  ]);
  expect(errors.join()).not.toContain('secretish');
  expect(errorsOf({ ...OAUTH, SLACK_CLIENT_ID: 'abc', SLACK_SIGNING_SECRET: SIGNING })[0]).toContain('SLACK_CLIENT_ID: must be the app’s Client ID');
});

test('the configuration says which mode runs; Socket Mode works with OAuth too', () => {
  const many = loadConfig({ ...OAUTH, SLACK_SIGNING_SECRET: SIGNING });
  expect(many.ok && many.config.slack).toEqual({ oauth: { clientId: '1111.2222', clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET }, signingSecret: SIGNING });
  expect(many.ok && slackWorkspaces(many.config)).toBe('oauth');
  const socket = loadConfig({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1-abc' });
  expect(socket.ok && socket.config.slack?.appToken).toBe('xapp-1-abc');
  const one = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SIGNING });
  expect(one.ok && slackWorkspaces(one.config)).toBe('one');
  const none = loadConfig({});
  expect(none.ok && slackWorkspaces(none.config)).toBe('off');
});

test('the start line names the mode: one workspace, or many with the install and redirect addresses', async () => {
  const fake = new FakeSlack();
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'coach-slack-modes-'));
  try {
    const common = { SLACK_SIGNING_SECRET: SIGNING, SLACK_API_URL: `${fake.url}/api/`, HOST: '127.0.0.1', PORT: '0', COACH_CONTENT_DIR: join(root, 'content') };
    for (const [env, expected] of [
      [{ ...OAUTH, COACH_BASE_URL: 'https://coach.example.org' }, 'Slack: many workspaces (OAuth): each workspace installs the app at https://coach.example.org/slack/install; Slack\'s redirect URL must be https://coach.example.org/slack/oauth_redirect.'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc' }, 'Slack: one workspace (SLACK_BOT_TOKEN).'],
    ] as const) {
      const result = loadConfig({ ...common, ...env, COACH_DATA_FILE: join(dir, `${expected.length}.json`) });
      if (!result.ok) throw new Error(result.errors.join('\n'));
      let logs = '';
      const destination = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
      const coach = await openCoach(result.config);
      const server = await serve(result.config, coach, createLogger({ level: 'info', destination }));
      // The install pages exist only with OAuth; they answer GET only.
      const install = `http://127.0.0.1:${server.address.port}/slack/install`;
      const oauth = Boolean(result.config.slack?.oauth);
      expect((await fetch(install)).status).toBe(oauth ? 200 : 404);
      expect((await fetch(install, { method: 'POST', body: '' })).status).toBe(oauth ? 405 : 404);
      await server.stop();
      expect(logs).toContain(expected);
      const ready = logs.split('\n').find((l) => l.includes('support coach ready'));
      expect(JSON.parse(ready!).slackWorkspaces).toBe('clientSecret' in (result.config.slack?.oauth ?? {}) ? 'oauth' : 'one');
      expect(logs).not.toContain(OAUTH.SLACK_CLIENT_SECRET);
      expect(logs).not.toContain(OAUTH.SLACK_STATE_SECRET);
    }
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

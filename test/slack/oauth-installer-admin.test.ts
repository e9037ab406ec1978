// With many Slack workspaces (OAuth), whoever installed the app for a workspace is an admin of the coach
// THERE (besides COACH_ADMINS), over real signed HTTP on 127.0.0.1 with a fake oauth.v2.access: Alice
// installs it in Alpha and Bob in Beta; each runs admin commands in their own workspace and is refused in
// the other; an org-wide install's installer is admin in the org's workspaces; a member who installed
// nothing is refused everywhere; after Beta is reinstalled by Carol, Bob no longer is an admin there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { BOT_SCOPES } from '../../src/adapters/slack/oauth.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, type Call } from './fake-slack.js';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const FORM = 'application/x-www-form-urlencoded';

/** Each code: the workspace (or org) it installs, and who pressed "Add to Slack". */
const GRANTS: Record<string, Record<string, unknown>> = {
  'code-alpha': { team: { id: 'TA', name: 'Alpha' }, enterprise: null, is_enterprise_install: false, access_token: 'xoxb-alpha-1', bot_user_id: 'UBOTA', authed_user: { id: 'UALICE' } },
  'code-beta': { team: { id: 'TB', name: 'Beta' }, enterprise: null, is_enterprise_install: false, access_token: 'xoxb-beta-1', bot_user_id: 'UBOTB', authed_user: { id: 'UBOB' } },
  'code-beta-again': { team: { id: 'TB', name: 'Beta' }, enterprise: null, is_enterprise_install: false, access_token: 'xoxb-beta-2', bot_user_id: 'UBOTB', authed_user: { id: 'UCAROL' } },
  'code-globex': { team: null, enterprise: { id: 'E1', name: 'Globex' }, is_enterprise_install: true, access_token: 'xoxb-globex-1', bot_user_id: 'UBOTG', authed_user: { id: 'UORG' } },
};

let fake: FakeSlack;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let base: string;
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z'));

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  fake.handlers.set('oauth.v2.access', (body) => {
    const grant = GRANTS[String(body.code)];
    if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET || !grant) return { ok: false, error: 'invalid_code' };
    return { ok: true, app_id: 'A1', scope: BOT_SCOPES.join(','), token_type: 'bot', ...grant };
  });
  dir = mkdtempSync(join(tmpdir(), 'coach-installer-admin-'));
  const result = loadConfig({
    SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: 'state-secret-for-the-oauth-tests-0123',
    SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`, SLACK_OAUTH_AUTHORIZE_URL: `${fake.url}/oauth/v2/authorize`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'),
    COACH_ADMINS: 'UOPS', COACH_HOLIDAYS: 'none',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
  server = await serve(result.config, coach, silentLogger);
  base = `http://127.0.0.1:${server.address.port}`;
  for (const code of ['code-alpha', 'code-beta', 'code-globex']) await install(code);
});

afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function install(code: string): Promise<void> {
  const res = await fetch(`${base}/slack/install`);
  const cookie = /^(slack-app-oauth-state=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const href = /href="([^"]+oauth\/v2\/authorize[^"]+)"/.exec(await res.text())?.[1];
  const state = new URL(href!.replace(/&amp;/g, '&')).searchParams.get('state')!;
  const done = await fetch(`${base}/slack/oauth_redirect?${new URLSearchParams({ code, state })}`, { headers: { cookie: cookie! } });
  expect(done.status).toBe(200);
}

let responseId = 100;
async function slash(team: string, user: string, text: string, enterprise?: string): Promise<string> {
  const id = ++responseId;
  const body = new URLSearchParams({
    team_id: team, channel_id: `C${team}`, channel_name: 'support', user_id: user, user_name: user.toLowerCase(), command: '/coach', text,
    response_url: `${fake.url}/respond/${id}`, trigger_id: 't', ...(enterprise ? { enterprise_id: enterprise, is_enterprise_install: 'true' } : {}),
  }).toString();
  expect((await postSigned(`${base}/slack/events`, body, FORM)).status).toBe(200);
  const reply: Call = await fake.response(id);
  return JSON.stringify(reply.body.blocks ?? reply.body.text ?? '');
}

const allowed = (reply: string) => !/only the coach’s admins|seuls les administrateurs du coach/.test(reply) && /0 9 \* \* 1-5/.test(reply);
const refused = (reply: string) => /only the coach’s admins|seuls les administrateurs du coach/.test(reply);

test('each installer is an admin in the workspace they installed the app in, and in no other', async () => {
  expect(allowed(await slash('TA', 'UALICE', 'schedule on'))).toBe(true);
  expect(refused(await slash('TB', 'UALICE', 'schedule on'))).toBe(true);
  expect(allowed(await slash('TB', 'UBOB', 'schedule on'))).toBe(true);
  expect(refused(await slash('TA', 'UBOB', 'schedule on'))).toBe(true);
  // Someone who installed nothing is refused everywhere; COACH_ADMINS stay admins everywhere.
  expect(refused(await slash('TA', 'UMEMBER', 'schedule on'))).toBe(true);
  expect(allowed(await slash('TB', 'UOPS', 'schedule on'))).toBe(true);
  // An org-wide install: its installer is an admin in the org's workspaces, not in Alpha.
  expect(allowed(await slash('TG1', 'UORG', 'schedule on', 'E1'))).toBe(true);
  expect(refused(await slash('TA', 'UORG', 'schedule on'))).toBe(true);
});

test('a reinstall by someone else moves the admin right to them at the next request', async () => {
  await install('code-beta-again');
  expect(refused(await slash('TB', 'UBOB', 'schedule on'))).toBe(true);
  expect(allowed(await slash('TB', 'UCAROL', 'schedule on'))).toBe(true);
});

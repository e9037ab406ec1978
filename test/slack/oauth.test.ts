// Many Slack workspaces over real HTTP on 127.0.0.1 (issue 13): "Add to Slack" installs of a workspace and
// of an Enterprise Grid org against a fake oauth.v2.access, each workspace answered with its own token and
// kept apart from the other, a forged or foreign state refused, an expiring token refreshed once before the
// coach's own scheduled posts, and app_uninstalled / tokens_revoked in both orders. Logs at debug level
// never show a token, the client secret or the state secret.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { BOT_SCOPES } from '../../src/adapters/slack/oauth.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, type Call } from './fake-slack.js';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const STATE_SECRET = 'state-secret-for-the-oauth-tests-0123';
const FORM = 'application/x-www-form-urlencoded';

let fake: FakeSlack;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let base: string;
let logs = '';
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z')); // Monday 08:00 in Toronto

/** What the fake oauth.v2.access answers for each code: a workspace, an org-wide install, a rotating one. */
const GRANTS: Record<string, Record<string, unknown>> = {
  'code-alpha': { team: { id: 'TA', name: 'Alpha & Co' }, enterprise: null, is_enterprise_install: false, access_token: 'xoxb-alpha-1', bot_user_id: 'UBOTA' },
  'code-globex': { team: null, enterprise: { id: 'E1', name: 'Globex' }, is_enterprise_install: true, access_token: 'xoxb-globex-1', bot_user_id: 'UBOTG' },
  // Token rotation on: the first token expires in an hour, so it is refreshed at its first use.
  'code-cedar': { team: { id: 'TC', name: 'Cedar' }, enterprise: null, is_enterprise_install: false, access_token: 'xoxb-cedar-1', bot_user_id: 'UBOTC', refresh_token: 'xoxe-1-cedar-a', expires_in: 3600 },
};
let refreshes = 0;

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  fake.handlers.set('oauth.v2.access', (body) => {
    if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { ok: false, error: 'invalid_client' };
    if (body.grant_type === 'refresh_token') {
      if (body.refresh_token !== `xoxe-1-cedar-${String.fromCharCode(97 + refreshes)}`) return { ok: false, error: 'invalid_refresh_token' };
      refreshes += 1;
      return {
        ok: true, app_id: 'A1', scope: BOT_SCOPES.join(','), token_type: 'bot', access_token: `xoxb-cedar-${refreshes + 1}`,
        refresh_token: `xoxe-1-cedar-${String.fromCharCode(97 + refreshes)}`, expires_in: 43200, bot_user_id: 'UBOTC',
        team: { id: 'TC', name: 'Cedar' }, enterprise: null, is_enterprise_install: false,
      };
    }
    const grant = GRANTS[String(body.code)];
    if (!grant) return { ok: false, error: 'invalid_code' };
    return { ok: true, app_id: 'A1', authed_user: { id: 'UINSTALLER' }, scope: BOT_SCOPES.join(','), token_type: 'bot', ...grant };
  });
  fake.handlers.set('auth.test', (_body, token) => {
    const who = String(token).split('-')[1];
    return { ok: true, user_id: `UBOT${who![0]!.toUpperCase()}`, bot_id: `B-${who}`, team_id: `T-${who}`, url: 'https://example.slack.com/' };
  });
  for (const [id, name] of [['UA1', 'Alice Alpha'], ['UG1', 'Gus Globex'], ['UC1', 'Cleo Cedar']]) fake.users.set(id!, { name: name!.toLowerCase(), profile: { display_name: name } });
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-oauth-'));
  const result = loadConfig({
    SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`, SLACK_OAUTH_AUTHORIZE_URL: `${fake.url}/oauth/v2/authorize`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'),
    COACH_ADMINS: 'UADMINA,UADMING,UADMINC', COACH_HOLIDAYS: 'none',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
  const destination = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
  server = await serve(result.config, coach, createLogger({ level: 'debug', destination }));
  base = `http://127.0.0.1:${server.address.port}`;
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  // Nothing secret reached the logs, at debug level, across every test of the file.
  for (const secret of [CLIENT_SECRET, STATE_SECRET, 'xoxb-alpha-1', 'xoxb-globex-1', 'xoxb-cedar-1', 'xoxb-cedar-2', 'xoxe-1-cedar-a', 'xoxe-1-cedar-b']) {
    expect(logs).not.toContain(secret);
  }
  expect(logs).toContain('slack app installed');
});

/** Opens the install page as a browser would: its Add to Slack link and the state cookie it set. */
async function openInstallPage(): Promise<{ page: string; link: URL; cookie: string }> {
  const res = await fetch(`${base}/slack/install`);
  expect(res.status).toBe(200);
  const page = await res.text();
  const cookie = /^(slack-app-oauth-state=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBeDefined();
  const href = /href="([^"]+oauth\/v2\/authorize[^"]+)"/.exec(page)?.[1];
  expect(href).toBeDefined();
  return { page, link: new URL(href!.replace(/&amp;/g, '&')), cookie: cookie! };
}

/** Slack's redirect back to the coach, with the browser's cookie (or another). */
async function redirect(query: Record<string, string>, cookie?: string): Promise<{ status: number; page: string }> {
  const res = await fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(query)}`, cookie ? { headers: { cookie } } : {});
  return { status: res.status, page: await res.text() };
}

/** The whole install: the page, then Slack's redirect with `code` and the page's state. */
async function install(code: string): Promise<string> {
  const { link, cookie } = await openInstallPage();
  const done = await redirect({ code, state: link.searchParams.get('state')! }, cookie);
  expect(done.status).toBe(200);
  return done.page;
}

let responseId = 9000;
/** A signed slash command from a workspace (and its org, for an org-wide install); resolves with its response_url reply. */
async function slash(team: string, user: string, channel: string, text: string, command = '/coach', enterprise?: string): Promise<Call> {
  const id = ++responseId;
  const body = new URLSearchParams({
    token: 'legacy', team_id: team, team_domain: team.toLowerCase(), channel_id: channel, channel_name: `support-${channel.toLowerCase()}`, user_id: user,
    user_name: user.toLowerCase(), command, text, api_app_id: 'A1', response_url: `${fake.url}/respond/${id}`, trigger_id: 't',
    ...(enterprise ? { enterprise_id: enterprise, is_enterprise_install: 'true' } : {}),
  }).toString();
  expect((await postSigned(`${base}/slack/events`, body, FORM)).status).toBe(200);
  return fake.response(id);
}

let eventId = 1;
async function event(body: Record<string, unknown>): Promise<number> {
  const full = { token: 'x', api_app_id: 'A1', type: 'event_callback', event_id: `EvU${eventId++}`, event_time: 1, ...body };
  return (await postSigned(`${base}/slack/events`, JSON.stringify(full), 'application/json')).status;
}

/** Waits (bounded) until `check` passes: an event is acknowledged before its listener is done. */
async function until(check: () => unknown, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A signed slash command whose answer is public (`/coach post`): resolves once acknowledged. */
async function publicSlash(team: string, user: string, channel: string, text: string, enterprise?: string): Promise<void> {
  const body = new URLSearchParams({
    team_id: team, channel_id: channel, channel_name: `support-${channel.toLowerCase()}`, user_id: user, user_name: user.toLowerCase(), command: '/coach', text,
    response_url: `${fake.url}/respond/${++responseId}`, trigger_id: 't', ...(enterprise ? { enterprise_id: enterprise, is_enterprise_install: 'true' } : {}),
  }).toString();
  expect((await postSigned(`${base}/slack/events`, body, FORM)).status).toBe(200);
}

const text = (call: Call) => JSON.stringify(call.body.blocks ?? call.body.text ?? '');
const grantCalls = () => fake.of('oauth.v2.access').filter((c) => c.body.grant_type !== 'refresh_token');

test('the install page links to Slack’s authorize URL with the app’s client id, the manifest’s scopes and a signed state, kept in a cookie', async () => {
  const { page, link, cookie } = await openInstallPage();
  expect(page).toContain('Ajouter à Slack');
  expect(page).toContain('Add to Slack');
  expect(link.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(link.searchParams.get('scope')!.split(',')).toEqual([...BOT_SCOPES]);
  expect(cookie).toBe(`slack-app-oauth-state=${link.searchParams.get('state')}`);
  expect(page).not.toContain(CLIENT_SECRET);
});

test('a forged state, a state without its cookie, another browser’s state, no code and a cancelled install are refused; nothing is installed', async () => {
  const before = grantCalls().length;
  const first = await openInstallPage();
  const second = await openInstallPage();
  const state = first.link.searchParams.get('state')!;
  const refused = [
    await redirect({ code: 'code-alpha', state: 'forged.state.value' }, 'slack-app-oauth-state=forged.state.value'),
    await redirect({ code: 'code-alpha', state }),
    await redirect({ code: 'code-alpha', state }, second.cookie),
    await redirect({ state }, first.cookie),
    await redirect({ error: 'access_denied', state }, first.cookie),
  ];
  expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
  expect(refused[0]!.page).toContain('This install link is no longer valid');
  expect(refused[4]!.page).toContain('The installation was cancelled.');
  // A state signed with another secret (another app, or an old secret) is refused too.
  const foreign = `${state.slice(0, state.lastIndexOf('.'))}.${'A'.repeat(43)}`;
  expect((await redirect({ code: 'code-alpha', state: foreign }, `slack-app-oauth-state=${foreign}`)).status).toBe(400);
  expect(grantCalls().length).toBe(before);
  expect(await coach.installations.list()).toEqual([]);
});

test('a workspace and an Enterprise Grid org install; each is answered with its own token', async () => {
  expect(await install('code-alpha')).toContain('Support Coach est installé dans Alpha &amp; Co');
  expect(await install('code-globex')).toContain('is installed in Globex');
  const grant = grantCalls().at(-1)!;
  expect(grant.body.code).toBe('code-globex');
  const installed = await coach.installations.list();
  expect(installed.map((i) => [i.key, i.botUserId, i.isEnterpriseInstall])).toEqual([['T:TA', 'UBOTA', false], ['E:E1', 'UBOTG', true]]);
  // The bot ids came from auth.test with each new token.
  expect(fake.of('auth.test').map((c) => c.token)).toEqual(expect.arrayContaining(['xoxb-alpha-1', 'xoxb-globex-1']));

  const before = fake.calls.length;
  await slash('TA', 'UA1', 'CA', 'help');
  await slash('TG1', 'UG1', 'CG', 'help', '/coach', 'E1');
  const lookups = fake.calls.slice(before).filter((c) => c.method === 'users.info');
  expect(lookups.find((c) => c.body.user === 'UA1')?.token).toBe('xoxb-alpha-1');
  expect(lookups.find((c) => c.body.user === 'UG1')?.token).toBe('xoxb-globex-1');
  // The org's workspace is remembered, so the coach's own posts there find the org's token.
  expect(await coach.installations.enterpriseOf('TG1')).toBe('E1');
});

test('each workspace’s challenge, answers and board stay its own: a board in one never shows the other’s members', async () => {
  const start = fake.calls.length;
  await publicSlash('TA', 'UADMINA', 'CA', 'post');
  await publicSlash('TG1', 'UADMING', 'CG', 'post', 'E1');
  await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CA');
  await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CG');
  const posts = fake.calls.slice(start).filter((c) => c.method === 'chat.postMessage');
  expect(posts.find((c) => c.body.channel === 'CA')?.token).toBe('xoxb-alpha-1');
  expect(posts.find((c) => c.body.channel === 'CG')?.token).toBe('xoxb-globex-1');
  expect(text(await slash('TA', 'UA1', 'CA', '1', '/answer'))).toMatch(/point/);
  expect(text(await slash('TG1', 'UG1', 'CG', '2', '/answer', 'E1'))).toMatch(/point/);
  const alphaBoard = text(await slash('TA', 'UA1', 'CA', '', '/leaderboard'));
  const globexBoard = text(await slash('TG1', 'UG1', 'CG', '', '/leaderboard', 'E1'));
  expect(alphaBoard).toContain('Alice Alpha');
  expect(alphaBoard).not.toContain('Gus');
  expect(globexBoard).toContain('Gus Globex');
  expect(globexBoard).not.toContain('Alice');
  // The teams' board ("all") too: only the asker's workspace's channels.
  expect(text(await slash('TA', 'UA1', 'CA', 'all', '/leaderboard'))).not.toMatch(/support-cg|Gus/);
  expect(coach.store.read((d) => Object.keys(d.workspaces).sort())).toEqual(['TA', 'TG1']);
});

test('an expiring token is refreshed before the coach’s own scheduled posts, once even for two posts at once', async () => {
  await install('code-cedar');
  // Scheduling is a request: its authorization already refreshes the one-hour token (Bolt's case).
  const scheduled = [await slash('TC', 'UADMINC', 'CC1', 'schedule on'), await slash('TC', 'UADMINC', 'CC2', 'schedule on')];
  expect(scheduled.map(text).join()).toContain('0 9 * * 1-5');
  expect(refreshes).toBe(1);
  // Hours later, when nobody has written to the coach, the current token is about to expire.
  const current = (await coach.installations.fetch({ isEnterpriseInstall: false, teamId: 'TC' }))!;
  expect(current.bot!.token).toBe('xoxb-cedar-2');
  await coach.installations.save({ ...current, bot: { ...current.bot!, expiresAt: Math.floor(Date.now() / 1000) + 60 } });
  // The refresh is held, so both channels' posts ask for the token while it is under way.
  let release!: () => void;
  fake.holds.set('oauth.v2.access', new Promise<void>((resolve) => (release = resolve)));
  const before = fake.calls.length;
  clock.set(new Date('2100-03-01T14:00:30Z')); // 09:00:30 in Toronto
  const ticked = server.tick();
  await fake.waitFor('oauth.v2.access', (c) => c.body.grant_type === 'refresh_token' && c.body.refresh_token === 'xoxe-1-cedar-b');
  release();
  await ticked;
  fake.holds.delete('oauth.v2.access');
  const after = fake.calls.slice(before);
  expect(after.filter((c) => c.method === 'oauth.v2.access')).toHaveLength(1);
  const posts = after.filter((c) => c.method === 'chat.postMessage');
  expect(posts.map((c) => c.body.channel).sort()).toEqual(['CC1', 'CC2']);
  expect(posts.every((c) => c.token === 'xoxb-cedar-3')).toBe(true);
  expect(after.findIndex((c) => c.method === 'oauth.v2.access')).toBeLessThan(after.findIndex((c) => c.method === 'chat.postMessage'));
  const saved = (await coach.installations.fetch({ isEnterpriseInstall: false, teamId: 'TC' }))!;
  expect(saved.bot).toMatchObject({ token: 'xoxb-cedar-3', refreshToken: 'xoxe-1-cedar-c' });
  expect(saved.bot!.expiresAt! * 1000).toBeGreaterThan(Date.now() + 11 * 3600_000);
  // Other workspaces' channels were not scheduled: nothing posted there with anyone's token.
  expect(posts.some((c) => c.token !== 'xoxb-cedar-3')).toBe(false);
});

test('app_uninstalled then tokens_revoked (a workspace), tokens_revoked then app_uninstalled (an org): removed, posts stopped, idempotently', async () => {
  // Daily posts on in both, to see them stop.
  await slash('TA', 'UADMINA', 'CA', 'schedule on');
  await slash('TG1', 'UADMING', 'CG', 'schedule on', '/coach', 'E1');
  const scheduled = (team: string, channel: string) => coach.stores(team).read((ws) => ws.channels[channel]?.scheduledSince ?? null);
  expect(scheduled('TA', 'CA')).not.toBeNull();

  expect(await event({ team_id: 'TA', event: { type: 'app_uninstalled' } })).toBe(200);
  await until(() => expect(scheduled('TA', 'CA')).toBeNull());
  expect((await coach.installations.list()).map((i) => i.key)).toEqual(['E:E1', 'T:TC']);
  expect(await event({ team_id: 'TA', event: { type: 'tokens_revoked', tokens: { bot: ['UBOTA'] } } })).toBe(200);
  expect(await event({ team_id: 'TA', event: { type: 'app_uninstalled' } })).toBe(200); // a retry

  const org = { team_id: 'TG1', enterprise_id: 'E1', is_enterprise_install: true, authorizations: [{ enterprise_id: 'E1', team_id: null, is_enterprise_install: true }] };
  // People's tokens revoked only: the coach uses none, the installation stays.
  expect(await event({ ...org, event: { type: 'tokens_revoked', tokens: { oauth: ['UINSTALLER'] } } })).toBe(200);
  expect(await event({ ...org, event: { type: 'tokens_revoked', tokens: { bot: ['UBOTG'] } } })).toBe(200);
  await until(() => expect(scheduled('TG1', 'CG')).toBeNull());
  expect((await coach.installations.list()).map((i) => i.key)).toEqual(['T:TC']);
  expect(await event({ ...org, event: { type: 'app_uninstalled' } })).toBe(200);
  expect(await event({ team_id: 'TA', event: { type: 'tokens_revoked', tokens: { bot: ['UBOTA'] } } })).toBe(200);
  expect(await event({ ...org, event: { type: 'app_uninstalled' } })).toBe(200);
  // Every event has run (they are handled one after another per request): nothing more changed.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await coach.installations.list()).map((i) => i.key)).toEqual(['T:TC']);
  expect(scheduled('TA', 'CA')).toBeNull();

  // The next slot posts only where the app is still installed; the uninstalled workspaces get nothing.
  const before = fake.calls.length;
  clock.set(new Date('2100-03-02T14:00:30Z'));
  await server.tick();
  const posts = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && !c.body.thread_ts);
  expect(posts.map((c) => c.body.channel).sort()).toEqual(['CC1', 'CC2']);
  // Yesterday's debriefs came first, in the posts' threads, with that workspace's token too.
  const debriefs = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts);
  expect(debriefs.map((c) => c.body.channel).sort()).toEqual(['CC1', 'CC2']);
  expect([...posts, ...debriefs].every((c) => c.token === 'xoxb-cedar-3')).toBe(true);

  // A command from an uninstalled workspace is acknowledged and not answered (no token to answer with).
  const lookups = fake.of('users.info').length;
  const id = ++responseId;
  const body = new URLSearchParams({ team_id: 'TA', channel_id: 'CA', user_id: 'UA1', user_name: 'ua1', command: '/playbook', text: 'panne', response_url: `${fake.url}/respond/${id}`, trigger_id: 't' }).toString();
  expect((await postSigned(`${base}/slack/events`, body, FORM)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(fake.of('users.info').length).toBe(lookups);
  expect(fake.calls.some((c) => c.path === `/respond/${id}`)).toBe(false);

  // A reinstall works again, and an admin resumes the daily posts.
  await install('code-alpha');
  expect(text(await slash('TA', 'UADMINA', 'CA', 'schedule on'))).toContain('0 9 * * 1-5');
  expect(scheduled('TA', 'CA')).not.toBeNull();
});

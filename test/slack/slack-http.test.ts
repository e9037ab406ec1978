// The Slack app over real HTTP on 127.0.0.1: signed requests in, a fake Web API out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, slashBody } from './fake-slack.js';

let fake: FakeSlack;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let events: string;
// Monday 2100-03-01, 08:00 in Toronto: the scheduled-post test moves it.
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z'));

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-'));
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'UADMIN',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const config: Config = result.config;
  coach = await openCoach(config, { clock });
  server = await serve(config, coach, silentLogger);
  events = `http://127.0.0.1:${server.address.port}/slack/events`;
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
let responseId = 100;
const slash = (command: string, text: string, extra: { user?: string; team?: string; channel?: string } = {}) => {
  const id = ++responseId;
  return { id, res: postSigned(events, slashBody(fake, { command, text, id, ...extra }), FORM) };
};
const blocksText = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? body.text ?? '');

test('GET /healthz answers 200 once ready', async () => {
  const res = await fetch(`http://127.0.0.1:${server.address.port}/healthz`);
  expect(res.status).toBe(200);
});

test('/playbook outage: acknowledged at once, the playbook follows privately, in the person’s language', async () => {
  const { id, res } = slash('/playbook', 'outage');
  const r = await res;
  expect(r.status).toBe(200);
  expect(r.ms).toBeLessThan(3000);
  const reply = await fake.response(id);
  expect(reply.body.response_type).toBe('ephemeral');
  expect(blocksText(reply.body)).toContain('Panne d’un serveur ou d’un service'); // users.info says fr-CA
  const { res: res2 } = slash('/playbook', 'panne', { user: 'UEN' });
  expect((await res2).status).toBe(200);
  await fake.waitFor('response_url', (c) => blocksText(c.body).includes('Server or service outage'));
});

test('a bad signature, an old timestamp and a future one are refused', async () => {
  const body = slashBody(fake, { command: '/playbook', text: 'outage' });
  expect((await postSigned(events, body, FORM, undefined, 'ffffffffffffffffffffffffffffffff')).status).toBe(401);
  const now = Math.floor(Date.now() / 1000);
  expect((await postSigned(events, body, FORM, now - 6 * 60)).status).toBe(401);
  expect((await postSigned(events, body, FORM, now + 6 * 60)).status).toBe(401);
  expect((await fetch(events, { method: 'POST', body, headers: { 'content-type': FORM } })).status).toBe(401);
});

test('malformed payloads, unknown commands and 50 KB texts: no 5xx, no crash', async () => {
  const bad = await postSigned(events, '{"type": "event_callback", ', JSON_TYPE);
  expect(bad.status).toBe(400);
  expect((await postSigned(events, 'payload=%7Bnot-json', FORM)).status).toBe(400);
  expect((await postSigned(events, '[1,2,3]', JSON_TYPE)).status).toBe(400);
  expect((await postSigned(events, JSON.stringify({ type: 'event_callback', team_id: 'T1', event: { type: 'weird' } }), JSON_TYPE)).status).toBe(200);
  const unknown = await slash('/frobnicate', 'now').res;
  expect(unknown.status).toBeLessThan(500);
  const hugeRequest = slash('/playbook', 'x'.repeat(50_000));
  const huge = await hugeRequest.res;
  expect(huge.status).toBe(200);
  const reply = await fake.response(hugeRequest.id);
  expect(blocksText(reply.body)).toContain('trop long (50010 caractères');
  expect((await fetch(`http://127.0.0.1:${server.address.port}/healthz`)).status).toBe(200);
});

test('url_verification is answered with the challenge', async () => {
  const r = await postSigned(events, JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), JSON_TYPE);
  expect(JSON.parse(r.text)).toEqual({ challenge: 'abc123' });
});

test('admins only: /coach post posts the challenge with one button per choice; others get a polite refusal', async () => {
  const refused = slash('/coach', 'post', { user: 'U2' });
  await refused.res;
  const refusal = await fake.response(refused.id);
  expect(blocksText(refusal.body)).toContain('seuls les administrateurs');

  await slash('/coach', 'post', { user: 'UADMIN', channel: 'CPOST' }).res;
  const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CPOST');
  const blocks = post.body.blocks as { type: string; elements?: { action_id: string }[] }[];
  const buttons = blocks.find((b) => b.type === 'actions')!.elements!;
  expect(buttons.length).toBeGreaterThanOrEqual(4);
  expect(buttons.at(-1)!.action_id).toBe('coach:input');
});

test('a choice button records the answer once, feedback is private, the post shows the count', async () => {
  await slash('/coach', 'post', { user: 'UADMIN', channel: 'CBTN' }).res;
  const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CBTN');
  const button = (post.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!.elements![0]!;
  const click = (user: string, id: number) => ({
    type: 'block_actions', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, channel: { id: 'CBTN' },
    trigger_id: 't', response_url: `${fake.url}/respond/${id}`, actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'b', action_ts: '1' }],
    container: { type: 'message', message_ts: '1', channel_id: 'CBTN' }, api_app_id: 'A1', token: 'x',
  });
  const r = await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click('U7', 901)))}`, FORM);
  expect(r.status).toBe(200);
  const feedback = await fake.response(901);
  expect(feedback.body.response_type).toBe('ephemeral');
  expect(blocksText(feedback.body)).toMatch(/\d+\/10/);
  const update = await fake.waitFor('chat.update', (c) => c.body.ts === post.body.ts || JSON.stringify(c.body).includes('1 réponse'));
  expect(JSON.stringify(update.body)).toContain('1 réponse');
  // A second click: a reminder, and still one answer.
  await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click('U7', 902)))}`, FORM);
  const reminder = await fake.response(902);
  expect(blocksText(reminder.body)).toContain('déjà répondu');
});

test('"answer in my own words" opens a modal; its submission is graded privately', async () => {
  await slash('/coach', 'post', { user: 'UADMIN', channel: 'CMODAL' }).res;
  const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CMODAL');
  const input = (post.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!.elements!.at(-1)!;
  const open = {
    type: 'block_actions', team: { id: 'T1' }, user: { id: 'U8', name: 'u8', team_id: 'T1' }, channel: { id: 'CMODAL' }, trigger_id: 'trig-8',
    response_url: `${fake.url}/respond/950`, actions: [{ type: 'button', action_id: input.action_id, value: input.value, block_id: 'b', action_ts: '1' }], api_app_id: 'A1', token: 'x',
  };
  await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(open))}`, FORM);
  const views = await fake.waitFor('views.open');
  const view = views.body.view as { callback_id: string; private_metadata: string };
  expect(view.callback_id).toBe('coach:answer');
  const submit = {
    type: 'view_submission', team: { id: 'T1' }, user: { id: 'U8', name: 'u8', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
    view: { id: 'V1', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { answer: { text: { type: 'plain_text_input', value: 'Je reste calme, je l’écoute et je vérifie avec elle.' } } } } },
  };
  const r = await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(submit))}`, FORM);
  expect(r.status).toBe(200);
  // Through the response_url of the button that opened the modal (kept in the modal), like a button's reply.
  const feedback = await fake.response(950);
  expect(feedback.body.response_type).toBe('ephemeral');
  expect(blocksText(feedback.body)).toMatch(/\d+\/10/);
});

test('channel listening: a live situation gets one threaded offer; bots, edits and repeats are ignored', async () => {
  const message = (text: string, extra: Record<string, unknown> = {}) => JSON.stringify({
    type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `Ev${Math.random()}`, event_time: 1,
    event: { type: 'message', channel: 'CLISTEN', user: 'U5', text, ts: `${Date.now() / 1000}`, channel_type: 'channel', ...extra },
  });
  const situation = 'le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents';
  expect((await postSigned(events, message(situation, { bot_id: 'B9' }), JSON_TYPE)).status).toBe(200);
  expect((await postSigned(events, message(situation, { subtype: 'message_changed' }), JSON_TYPE)).status).toBe(200);
  expect((await postSigned(events, message(situation, { user: 'UBOT' }), JSON_TYPE)).status).toBe(200);
  expect((await postSigned(events, message('bon matin la gang, qui vient dîner?'), JSON_TYPE)).status).toBe(200);
  expect((await postSigned(events, message(situation, { ts: '1700000000.000100' }), JSON_TYPE)).status).toBe(200);
  const offer = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CLISTEN');
  expect(offer.body.thread_ts).toBe('1700000000.000100');
  expect(blocksText(offer.body)).toContain('Panne');
  await postSigned(events, message('encore : le serveur de fichiers est tombé, personne peut travailler'), JSON_TYPE);
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.of('chat.postMessage').filter((c) => c.body.channel === 'CLISTEN')).toHaveLength(1);
});

test('429 with Retry-After: the message is still delivered exactly once', async () => {
  fake.rateLimit.set('chat.postMessage', 1);
  await slash('/coach', 'post', { user: 'UADMIN', channel: 'CRATE' }).res;
  await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CRATE', 10_000);
  await new Promise((r) => setTimeout(r, 200));
  expect(fake.of('chat.postMessage').filter((c) => c.body.channel === 'CRATE')).toHaveLength(1);
  expect(fake.calls.some((c) => c.method === 'chat.postMessage:429')).toBe(true);
});

test('two workspaces never see each other’s scores', async () => {
  await coach.stores('TA').update((ws) => {
    ws.members.UA = { name: 'alpha-person' };
    ws.channels.C1 = { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: { UA: { points: 50, week: '2000-W01', weekPoints: 0, streak: 1, bestStreak: 1, lastDay: null, answers: 5 } } };
  });
  const other = slash('/leaderboard', '', { team: 'TB', channel: 'C1', user: 'UB' });
  await other.res;
  const board = await fake.response(other.id);
  expect(blocksText(board.body)).not.toContain('alpha-person');
  const mine = slash('/leaderboard', '', { team: 'TA', channel: 'C1', user: 'UA' });
  await mine.res;
  const own = await fake.response(mine.id);
  expect(blocksText(own.body)).toContain('alpha-person');
});

test('App Home shows points and the playbook index', async () => {
  await postSigned(events, JSON.stringify({ type: 'event_callback', team_id: 'TA', api_app_id: 'A1', event_id: 'EvH', event_time: 1, event: { type: 'app_home_opened', user: 'UA', tab: 'home', channel: 'D1' } }), JSON_TYPE);
  const publish = await fake.waitFor('views.publish', (c) => c.body.user_id === 'UA');
  const text = JSON.stringify(publish.body.view);
  expect(text).toContain('50 pts');
  expect(text).toContain('/playbook outage');
  // Its playbook buttons open the playbook in a modal (the Home tab has no channel to answer in).
  const button = ((publish.body.view as { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] }).blocks
    .find((b) => b.type === 'actions')!.elements!).find((e) => e.value === '/playbook outage')!;
  const click = { type: 'block_actions', team: { id: 'TA' }, user: { id: 'UA', name: 'ua', team_id: 'TA' }, trigger_id: 'trig-home', api_app_id: 'A1', token: 'x',
    container: { type: 'view', view_id: 'V1' }, actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'b', action_ts: '1' }] };
  await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click))}`, FORM);
  const modal = await fake.waitFor('views.open', (c) => c.body.trigger_id === 'trig-home');
  expect(JSON.stringify(modal.body.view)).toContain('Panne d’un serveur');
});

test('daily posts: scheduled with /coach schedule on, posted by the scheduler, debrief in the post’s thread', async () => {
  const scheduled = slash('/coach', 'schedule on', { user: 'UADMIN', channel: 'CSCHED' });
  await scheduled.res;
  expect(blocksText((await fake.response(scheduled.id)).body)).toContain('0 9 * * 1-5');
  clock.set(new Date('2100-03-01T14:00:30Z')); // 09:00:30
  await server.tick();
  const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSCHED');
  expect(blocksText(post.body)).toContain('Défi du jour');
  clock.set(new Date('2100-03-02T13:00:30Z')); // Tuesday 08:00:30, an hour before the next post
  await server.tick();
  const debrief = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSCHED' && c.body.thread_ts === post.body.ts);
  expect(blocksText(debrief.body)).toContain('Corrigé');
  clock.set(new Date('2100-03-02T14:00:30Z'));
  await server.tick();
  await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSCHED' && !c.body.thread_ts && c !== post);
});

test('/coach award with an escaped mention gives the points to the member’s id', async () => {
  const award = slash('/coach', 'award <@U77|zoe> 5 belle entraide &amp; patience', { user: 'UADMIN', channel: 'CAWARD' });
  await award.res;
  expect(blocksText((await fake.response(award.id)).body)).toContain('+5 points à zoe : belle entraide &amp; patience. Total : 5 points.');
  expect(coach.stores('T1').read((ws) => ws.channels.CAWARD?.totals.U77?.points)).toBe(5);
  const log = await coach.stores('T1').readLog();
  expect(log.at(-1)).toMatchObject({ user: 'U77', delta: 5, kind: 'award', reason: 'belle entraide & patience', by: 'UADMIN' });
});

test('a button is answered in the language of the message it was on, whoever clicks it', async () => {
  const asked = slash('/playbook', 'asdfgh qwerty', { user: 'UEN' });
  await asked.res;
  const offer = await fake.response(asked.id);
  const block = (offer.body.blocks as { type: string; block_id?: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!;
  expect(block.block_id).toBe('coach:lang:en:0');
  const outage = block.elements!.find((e) => e.value === '/playbook outage')!;
  const click = {
    type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1', name: 'u1', team_id: 'T1' }, channel: { id: 'C1' }, trigger_id: 't',
    response_url: `${fake.url}/respond/990`, api_app_id: 'A1', token: 'x',
    actions: [{ type: 'button', action_id: outage.action_id, value: outage.value, block_id: block.block_id, action_ts: '1' }],
  };
  await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(click))}`, FORM);
  expect(blocksText((await fake.response(990)).body)).toContain('Server or service outage'); // U1's locale is fr-CA
});

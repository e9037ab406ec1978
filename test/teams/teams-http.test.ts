// The Teams bot over real HTTP on 127.0.0.1, in anonymous (Emulator) mode: activities in on
// POST /api/messages, a fake connector of our own as their serviceUrl.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeConnector, activityText, cardOf, type ConnectorCall } from './fake-connector.js';

let fake: FakeConnector;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let endpoint: string;
/** The server's log lines (warnings and errors), as written. */
const logs: string[] = [];
// Monday 2100-03-01, 08:00 in Toronto: the scheduled-post test moves it.
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z'));

const TENANT = 'tenant-1';
const BOT = { id: '28:coach-bot', name: 'Support Coach' };
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };

beforeAll(async () => {
  fake = new FakeConnector();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-'));
  const result = loadConfig({
    TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'),
    COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: ADMIN.aadObjectId,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const config: Config = result.config;
  coach = await openCoach(config, { clock });
  const destination = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  server = await serve(config, coach, createLogger({ level: 'warn', destination }));
  endpoint = `http://127.0.0.1:${server.address.port}/api/messages`;
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

let nextId = 1;
interface Options {
  channel?: string;
  /** A channel conversation (Teams team channel); otherwise a personal chat. */
  inChannel?: boolean;
  /** A group chat (when not in a channel). */
  groupChat?: boolean;
  from?: Record<string, unknown>;
  locale?: string;
  mention?: boolean;
  value?: unknown;
  serviceUrl?: string;
  tenant?: string;
  extra?: Record<string, unknown>;
}

function message(text: string | undefined, o: Options = {}): Record<string, unknown> {
  const id = `m-${nextId++}`;
  const channel = o.channel ?? 'a:personal-1';
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    type: 'message', id, channelId: 'msteams', serviceUrl: o.serviceUrl ?? fake.url, locale: o.locale ?? 'fr-CA',
    from: o.from ?? { id: '29:user-1', aadObjectId: 'aad-user-1', name: 'Uma User' },
    recipient: BOT,
    conversation: o.inChannel
      ? { id: `${channel};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: o.tenant ?? TENANT }
      : o.groupChat
        ? { id: channel, conversationType: 'groupChat', isGroup: true, tenantId: o.tenant ?? TENANT }
        : { id: channel, conversationType: 'personal', tenantId: o.tenant ?? TENANT },
    channelData: { tenant: { id: o.tenant ?? TENANT }, ...(o.inChannel ? { channel: { id: channel, name: 'support' }, team: { id: '19:team-general@thread.tacv2' } } : {}) },
    ...(text !== undefined ? { text: o.mention ? `${mentionText} ${text}` : text } : {}),
    ...(o.mention ? { entities: [{ type: 'mention', text: mentionText, mentioned: BOT }] } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...o.extra,
  };
}

async function post(body: unknown, raw = false): Promise<{ status: number; text: string }> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

/** Sends an activity and returns the connector calls it caused (the turn runs before the HTTP answer). */
async function say(activity: Record<string, unknown>): Promise<ConnectorCall[]> {
  const before = fake.calls.length;
  const res = await post(activity);
  expect(res.status).toBe(200);
  return fake.calls.slice(before);
}

const texts = (calls: ConnectorCall[]) => calls.map((c) => activityText(c.body)).join('\n---\n');
/** The calls into a user's 1:1 chat with the bot (the fake names it `a:1on1-<user id>`). */
const personal = (calls: ConnectorCall[], user: string) => calls.filter((c) => c.conversation === FakeConnector.personalId(user));
/** The calls into a channel: its posts, its threads, its post updates. */
const inChannel = (calls: ConnectorCall[], channel: string) => calls.filter((c) => c.conversation === channel || c.conversation.startsWith(`${channel};`));

test('GET /healthz answers 200 once ready', async () => {
  expect((await fetch(`http://127.0.0.1:${server.address.port}/healthz`)).status).toBe(200);
});

test('playbook, with or without its slash, answers as a reply in the person’s language (the activity’s locale)', async () => {
  const activity = message('playbook outage');
  const [reply, ...more] = await say(activity);
  expect(more).toHaveLength(0);
  expect(reply!.kind).toBe('reply');
  expect(reply!.replyTo).toBe(activity.id);
  expect(reply!.conversation).toBe('a:personal-1');
  expect(activityText(reply!.body)).toContain('Panne d’un serveur ou d’un service');
  expect(cardOf(reply!.body).version).toBe('1.5');
  expect(texts(await say(message('/playbook panne', { locale: 'en-US', from: { id: '29:en', aadObjectId: 'aad-en', name: 'Eve' } })))).toContain('Server or service outage');
  expect(texts(await say(message('le serveur de fichiers est tombé ce matin')))).toContain('Panne d’un serveur');
});

test('in a channel: the @mention is stripped; private replies go to the person’s 1:1 chat, the thread only says so', async () => {
  const channel = '19:cmds@thread.tacv2';
  const user = '29:user-1';
  const creates: ConnectorCall[] = [];
  const ask = async (text: string, from?: Record<string, unknown>, notice = 'Je vous ai répondu en privé.') => {
    const activity = message(text, { inChannel: true, channel, mention: true, ...(from ? { from } : {}) });
    const calls = await say(activity);
    creates.push(...calls.filter((c) => c.kind === 'create'));
    // In the conversation: one reply to the message, in its thread, with the notice only.
    const here = inChannel(calls, channel);
    expect(here).toHaveLength(1);
    expect(here[0]!.kind).toBe('reply');
    expect(here[0]!.conversation).toBe(`${channel};messageid=${activity.id}`);
    expect(activityText(here[0]!.body)).toBe(notice);
    // The answer itself: new activities in the 1:1 chat.
    const mine = personal(calls, String((from ?? { id: user }).id));
    expect(mine.length).toBeGreaterThan(0);
    for (const c of mine) expect(c.kind).toBe('send');
    expect(calls.filter((c) => c.kind !== 'create')).toHaveLength(here.length + mine.length);
    return texts(mine);
  };
  expect(await ask('playbook angry user')).toContain('Utilisateur fâché');
  expect(await ask('/playbook')).toContain('/playbook outage');
  expect(await ask('scenario')).toContain('Aucun défi dans ce canal');
  expect(await ask('leaderboard')).toContain('Classement');
  expect(await ask('/leaderboard all')).toMatch(/équipes|Équipes/);
  expect(await ask('coach help')).toContain('/playbook');
  expect(await ask('coach frobnicate')).toContain('frobnicate');
  // The 1:1 chat was created once, with the person and the tenant, then reused.
  expect(creates).toHaveLength(1);
  expect(creates[0]!.body).toMatchObject({ isGroup: false, bot: { id: BOT.id }, members: [{ id: user }], tenantId: TENANT, channelData: { tenant: { id: TENANT } } });
  expect(creates[0]!.authorization).toBeUndefined();
  // Language: the person's own choice wins over the locale, from then on; the notice speaks it too.
  const eng = { id: '29:lang', aadObjectId: 'aad-lang', name: 'Lee' };
  expect(await ask('coach lang en', eng, 'I replied to you privately.')).toContain('English');
  expect(await ask('playbook panne', eng, 'I replied to you privately.')).toContain('Server or service outage');
  expect(await ask('help', { ...eng, id: '29:en-2', aadObjectId: 'aad-en-2' }, 'Je vous ai répondu en privé.')).toContain('/playbook');
});

test('in a group chat too, private replies go to the 1:1 chat', async () => {
  const chat = '19:group-chat@unq.gbl.spaces';
  const from = { id: '29:grp', aadObjectId: 'aad-grp', name: 'Gil' };
  const activity = message('leaderboard', { groupChat: true, channel: chat, mention: true, from, locale: 'en-US' });
  const calls = await say(activity);
  const here = calls.filter((c) => c.conversation === chat);
  expect(here).toHaveLength(1);
  expect(here[0]).toMatchObject({ kind: 'reply', replyTo: activity.id });
  expect(activityText(here[0]!.body)).toBe('I replied to you privately.');
  expect(texts(personal(calls, from.id))).toContain('Leaderboard');
});

test('in a personal chat, private replies are replies there: no other conversation is opened', async () => {
  const activity = message('leaderboard', { channel: 'a:personal-lb', from: { id: '29:solo', aadObjectId: 'aad-solo', name: 'Solo' } });
  const calls = await say(activity);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ kind: 'reply', conversation: 'a:personal-lb', replyTo: activity.id });
  expect(activityText(calls[0]!.body)).toContain('Vous m’écrivez en privé, et vous ne figurez encore au classement d’aucune équipe');
  expect(fake.calls.some((c) => c.kind === 'create' && JSON.stringify(c.body).includes('29:solo'))).toBe(false);
});

test('admins only: coach post posts the challenge in the channel (not the thread) with one submit per choice and an own-words input', async () => {
  const channel = '19:post@thread.tacv2';
  const refused = await say(message('coach post', { inChannel: true, channel, mention: true }));
  expect(texts(personal(refused, '29:user-1'))).toContain('seuls les administrateurs');
  expect(texts(inChannel(refused, channel))).not.toContain('seuls les administrateurs');
  expect(refused.filter((c) => c.kind === 'send' && c.conversation === channel)).toHaveLength(0);

  const calls = await say(message('coach post', { inChannel: true, channel, mention: true, from: ADMIN }));
  const posted = calls.find((c) => c.kind === 'send')!;
  expect(posted.conversation).toBe(channel);
  const card = cardOf(posted.body);
  const submits = card.actions!.filter((a) => a.type === 'Action.Submit');
  expect(submits.length).toBeGreaterThanOrEqual(4);
  for (const s of submits.slice(0, -1)) expect((s.data as { coach: string }).coach).toMatch(/^\/answer \d{4}-\d{2}-\d{2}-[a-z0-9-]+ \d$/);
  expect(submits.at(-1)!.data).toMatchObject({ input: 'answerText' });
  expect(card.body.some((e) => e.type === 'Input.Text' && e.id === 'answerText')).toBe(true);
  // The post's id and the channel's reference are kept.
  const stored = coach.stores(TENANT).read((ws) => ws.channels[channel]);
  expect(stored?.platform).toBe('teams');
  expect(stored?.postTarget).toMatchObject({ serviceUrl: fake.url, conversation: { id: channel } });
  expect(stored?.challenges.at(-1)?.postRef).toMatchObject({ activityId: expect.stringMatching(/^act-/), conversationReference: { conversation: { id: channel } } });
});

test('an answer from a channel card: the feedback goes to the 1:1 chat, the channel only learns that it is recorded', async () => {
  const channel = '19:submit@thread.tacv2';
  const calls = await say(message('coach post', { inChannel: true, channel, mention: true, from: ADMIN }));
  const posted = calls.find((c) => c.kind === 'send')!;
  const challenge = () => coach.stores(TENANT).read((ws) => ws.channels[channel]!.challenges.at(-1)!);
  const postId = (challenge().postRef as { activityId: string }).activityId;
  const scenario = coach.library.scenarios.find((p) => p.id === challenge().scenarioId)!.fr;
  const first = cardOf(posted.body).actions!.find((a) => a.type === 'Action.Submit')!;
  const sam = { id: '29:u7', aadObjectId: 'aad-u7', name: 'Sam' };
  const click = () => message(undefined, { inChannel: true, channel, value: first.data, from: sam });

  const activity = click();
  const answered = await say(activity);
  // The 1:1 chat is created for Sam, and gets the feedback: the score and the option's explanation.
  const create = answered.find((c) => c.kind === 'create')!;
  expect(create.body).toMatchObject({ isGroup: false, members: [{ id: sam.id }], tenantId: TENANT });
  const feedback = personal(answered, sam.id);
  expect(feedback.map((c) => c.kind)).toEqual(['send']);
  expect(activityText(feedback[0]!.body)).toMatch(/\d+\/10/);
  expect(activityText(feedback[0]!.body)).toContain(scenario.choices[0]!.explanation.slice(0, 40));
  // The channel: the post's count updated, and one non-revealing notice in the thread of the click.
  const here = inChannel(answered, channel);
  expect(here.map((c) => c.kind).sort()).toEqual(['reply', 'update']);
  const update = here.find((c) => c.kind === 'update')!;
  expect(update.activityId).toBe(postId);
  expect(activityText(update.body)).toContain('1 réponse');
  const notice = here.find((c) => c.kind === 'reply')!;
  expect(notice.conversation).toBe(`${channel};messageid=${activity.id}`);
  expect(activityText(notice.body)).toBe('✔ Réponse de Sam enregistrée — détails en message privé.');
  for (const c of here) {
    expect(activityText(c.body)).not.toMatch(/\d+\s*\/\s*10|points sur|Votre choix|Points couverts/);
    expect(activityText(c.body)).not.toContain(scenario.choices[0]!.explanation.slice(0, 40));
  }

  // A second click: the reminder (with the score) goes to the same 1:1 chat, not created again.
  const again = await say(click());
  expect(again.filter((c) => c.kind === 'create')).toHaveLength(0);
  expect(texts(personal(again, sam.id))).toContain('déjà répondu');
  const againHere = inChannel(again, channel);
  expect(againHere.map((c) => c.kind)).toEqual(['reply']);
  expect(activityText(againHere[0]!.body)).toBe('Je vous ai répondu en privé.');
  expect(Object.keys(challenge().answers)).toEqual(['aad-u7']);

  // "In my own words": the input's text is appended; the points covered and missed stay private.
  const own = cardOf(posted.body).actions!.at(-1)!;
  const lou = { id: '29:u8', aadObjectId: 'aad-u8', name: 'Lou' };
  const ownCalls = await say(message(undefined, {
    inChannel: true, channel, from: lou,
    value: { ...(own.data as object), answerText: 'Je reste calme, je l’écoute et je vérifie avec elle.' },
  }));
  const ownFeedback = texts(personal(ownCalls, lou.id));
  expect(ownFeedback).toMatch(/\d+\/10/);
  expect(ownFeedback).toContain('Points couverts');
  const channelText = texts(inChannel(ownCalls, channel));
  expect(channelText).toContain('✔ Réponse de Lou enregistrée — détails en message privé.');
  expect(channelText).toContain('2 réponses');
  expect(channelText).not.toMatch(/\d+\/10|Points couverts|Points manqués/);
  // Only the notice is new in the channel: besides it, nothing but the (updated) public challenge card.
  const publicCard = activityText(posted.body);
  for (const point of scenario.rubric) {
    expect(ownFeedback).toContain(point.point.slice(0, 30));
    if (!publicCard.includes(point.point.slice(0, 30))) expect(channelText).not.toContain(point.point.slice(0, 30));
  }
  expect(Object.keys(challenge().answers).sort()).toEqual(['aad-u7', 'aad-u8']);

  // Someone who chose English: the feedback and the notice are in English.
  const eve = { id: '29:u-eve', aadObjectId: 'aad-eve', name: 'Eve' };
  await say(message('coach lang en', { from: eve, channel: 'a:personal-eve' }));
  const eveCalls = await say(message(undefined, { inChannel: true, channel, value: first.data, from: eve }));
  expect(texts(personal(eveCalls, eve.id))).toMatch(/Scenario .*\d+\/10/);
  expect(texts(inChannel(eveCalls, channel).filter((c) => c.kind === 'reply'))).toBe('✔ Eve’s answer is recorded — details in a private message.');

  // `scenario` in the channel: a copy of the public post, whose buttons answer for this channel, stays here.
  const copy = await say(message('scenario', { inChannel: true, channel, mention: true, from: { id: '29:u10', aadObjectId: 'aad-u10', name: 'Kim' } }));
  expect(copy.map((c) => c.kind)).toEqual(['reply']);
  expect(activityText(copy[0]!.body)).toContain('Défi du jour');
  expect(activityText(copy[0]!.body)).not.toMatch(/\d+\/10/);
});

test('the cached 1:1 chat is opened again when it is gone', async () => {
  const user = { id: '29:gone', aadObjectId: 'aad-gone', name: 'Gus' };
  const ask = () => say(message('playbook outage', { inChannel: true, channel: '19:gone@thread.tacv2', mention: true, from: user }));
  expect((await ask()).filter((c) => c.kind === 'create')).toHaveLength(1);
  expect((await ask()).filter((c) => c.kind === 'create')).toHaveLength(0);
  fake.forget(FakeConnector.personalId(user.id)); // the person removed the app
  const calls = await ask();
  expect(calls.filter((c) => c.conversation === FakeConnector.personalId(user.id) || c.kind === 'create').map((c) => c.kind)).toEqual(['send', 'create', 'send']);
  expect(texts(inChannel(calls, '19:gone@thread.tacv2'))).toBe('Je vous ai répondu en privé.');
});

test('two replies at once for the same person open one 1:1 chat', async () => {
  const user = { id: '29:twice', aadObjectId: 'aad-twice', name: 'Tia' };
  const before = fake.calls.length;
  const results = await Promise.all(['playbook outage', 'leaderboard'].map((text) => post(message(text, { inChannel: true, channel: '19:twice@thread.tacv2', mention: true, from: user }))));
  for (const r of results) expect(r.status).toBe(200);
  const calls = fake.calls.slice(before);
  expect(calls.filter((c) => c.kind === 'create')).toHaveLength(1);
  const mine = texts(personal(calls, user.id));
  expect(mine).toContain('Panne');
  expect(mine).toContain('Classement');
});

test('when the 1:1 chat cannot be created: a notice and an install hint in the channel, never the feedback; the failure is logged without the request', async () => {
  const channel = '19:refused@thread.tacv2';
  const calls = await say(message('coach post', { inChannel: true, channel, mention: true, from: ADMIN }));
  const posted = calls.find((c) => c.kind === 'send' && c.conversation === channel)!;
  const first = cardOf(posted.body).actions!.find((a) => a.type === 'Action.Submit')!;
  const noa = { id: '29:u9', aadObjectId: 'aad-u9', name: 'Noa' };
  fake.refuseCreate.add(noa.id);
  const logged = logs.length;

  const answered = await say(message(undefined, { inChannel: true, channel, value: first.data, from: noa }));
  expect(answered.filter((c) => c.kind === 'create')).toHaveLength(1);
  expect(personal(answered, noa.id)).toHaveLength(0);
  const here = inChannel(answered, channel);
  expect(here.map((c) => c.kind).sort()).toEqual(['reply', 'update']);
  const notice = activityText(here.find((c) => c.kind === 'reply')!.body);
  expect(notice).toContain('✔ Réponse de Noa enregistrée.');
  expect(notice).toContain('ajoutez l’app Support Coach pour vous-même');
  expect(notice).not.toContain('détails en message privé');
  expect(texts(here)).not.toMatch(/\d+\/10|Votre choix|points sur/);
  // The answer is recorded all the same.
  expect(coach.stores(TENANT).read((ws) => Object.keys(ws.channels[channel]!.challenges.at(-1)!.answers))).toEqual(['aad-u9']);

  // Any other private reply: the same, without its content.
  const board = await say(message('leaderboard', { inChannel: true, channel, mention: true, from: noa }));
  expect(board.map((c) => c.kind)).toEqual(['create', 'reply']);
  expect(activityText(board[1]!.body)).toBe('Je n’ai pas pu vous répondre en privé : ajoutez l’app Support Coach pour vous-même (Applications → Support Coach → Ajouter), puis réessayez.');

  const lines = logs.slice(logged).filter((l) => l.includes('1:1 chat'));
  expect(lines).toHaveLength(2);
  const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(entry).toMatchObject({ level: 40, workspace: TENANT, channel, error: { statusCode: 403 } });
  expect(Object.keys(entry.error as object).sort()).toEqual(['message', 'statusCode', 'type']);
  for (const line of lines) expect(line).not.toMatch(/authorization|"request"|"headers"|Bearer|Points/i);

  // Once the app is installed for Noa, the next private reply reaches the 1:1 chat.
  fake.refuseCreate.delete(noa.id);
  const later = await say(message('leaderboard', { inChannel: true, channel, mention: true, from: noa }));
  expect(texts(personal(later, noa.id))).toContain('Classement');
  expect(texts(inChannel(later, channel))).toBe('Je vous ai répondu en privé.');
});

test('proactive daily posts: reference saved when the bot is added, the scheduler posts the challenge, the debrief goes in its thread', async () => {
  const channel = '19:daily@thread.tacv2';
  const added = await say({
    ...message(undefined, { inChannel: true, channel, from: ADMIN }),
    type: 'conversationUpdate', membersAdded: [BOT], conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT },
  });
  expect(texts(added)).toContain('/playbook'); // the welcome (help) card
  expect(coach.stores(TENANT).read((ws) => ws.channels[channel]?.postTarget)).toMatchObject({ conversation: { id: channel } });

  const scheduled = await say(message('coach schedule on', { inChannel: true, channel, mention: true, from: ADMIN }));
  expect(texts(scheduled)).toContain('0 9 * * 1-5');
  clock.set(new Date('2100-03-01T14:00:30Z')); // 09:00:30
  await server.tick();
  const post = await fake.waitFor((c) => c.kind === 'send' && c.conversation === channel);
  expect(activityText(post.body)).toContain('Défi du jour');
  const postId = coach.stores(TENANT).read((ws) => (ws.channels[channel]!.challenges.at(-1)!.postRef as { activityId: string }).activityId);
  expect(postId).toMatch(/^act-/);

  clock.set(new Date('2100-03-02T13:00:30Z')); // Tuesday 08:00:30, an hour before the next post
  await server.tick();
  const debrief = await fake.waitFor((c) => c.kind === 'send' && c.conversation === `${channel};messageid=${postId}`);
  expect(activityText(debrief.body)).toContain('Corrigé');
  clock.set(new Date('2100-03-02T14:00:30Z'));
  await server.tick();
  await fake.waitFor((c) => c.kind === 'send' && c.conversation === channel && c !== post);
});

test('anonymous mode: a non-loopback serviceUrl is refused and nothing is called; nor is a stored one', async () => {
  const before = fake.calls.length;
  for (const serviceUrl of ['https://evil.example/', 'http://10.0.0.7:3978/', 'http://169.254.169.254/', 'http://127.0.0.1.nip.io/', 'http://[::ffff:a00:1]/', 'file:///etc/passwd', 'not a url']) {
    const res = await post(message('playbook outage', { serviceUrl }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('loopback');
  }
  const added = await post({ ...message(undefined, { serviceUrl: 'https://evil.example/' }), type: 'conversationUpdate', membersAdded: [BOT] });
  expect(added.status).toBe(400);
  expect(fake.calls.length).toBe(before);

  // A reference in the store that is not loopback (edited file, older mode) is never called either.
  const channel = '19:evil@thread.tacv2';
  await coach.stores(TENANT).update((ws) => {
    ws.channels[channel] = {
      pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: {}, platform: 'teams',
      postTarget: { channelId: 'msteams', serviceUrl: 'https://evil.example/', conversation: { id: channel, conversationType: 'channel' }, bot: BOT },
    };
  });
  await expect(server.teams!.deliver({ workspace: TENANT, channel, platform: 'teams', message: { sections: [], visibility: 'public' } })).rejects.toThrow(/refused/);
  expect(fake.calls.length).toBe(before);
});

test('malformed activities are answered with 4xx or ignored, never a crash', async () => {
  expect((await post('{"type": "message", ', true)).status).toBe(400);
  expect((await post('[1,2,3]', true)).status).toBe(400);
  expect((await post('null', true)).status).toBe(400);
  expect((await post({ conversation: { id: 'x' }, serviceUrl: fake.url })).status).toBe(400);
  expect((await post({ type: 'message', serviceUrl: fake.url, text: 'hi' })).status).toBe(400);
  expect((await post({ type: 'message', conversation: { id: 'x' }, text: 'hi' })).status).toBe(400);
  expect((await post({ type: 'message', conversation: 'x', serviceUrl: fake.url })).status).toBe(400);
  const before = fake.calls.length;
  // Well-formed enough for botbuilder, nonsense for us: 200 and silence.
  for (const odd of [
    message('playbook outage', { extra: { from: undefined } }),
    message(undefined, { value: { coach: 'not a command' } }),
    message(undefined, { value: { coach: '/answer x 1', input: 'someOtherField', someOtherField: 'x' } }),
    message(undefined, { value: 'text' }),
    message('playbook outage', { channel: '__proto__' }),
    message('playbook outage', { from: { id: 'constructor' } }),
    { ...message('hi'), type: 'messageReaction' },
    { ...message('hi'), type: 'typing' },
    { ...message('hi'), type: 'conversationUpdate', membersAdded: 'everyone' },
  ]) {
    const res = await post(odd);
    expect(res.status).toBe(200);
  }
  expect(fake.calls.length).toBe(before);
  expect(({} as Record<string, unknown>).postTarget).toBeUndefined();
  // Entities with a broken mention do not stop a real command.
  const calls = await say(message('playbook outage', { extra: { entities: [null, { type: 5 }, { type: 'mention' }, { type: 'mention', text: '<at>x</at>', mentioned: 'bot' }] } }));
  expect(texts(calls)).toContain('Panne');
  // 50 KB of text: a polite refusal.
  expect(texts(await say(message('x'.repeat(50_000))))).toContain('trop long (50000 caractères');
  expect((await fetch(`http://127.0.0.1:${server.address.port}/healthz`)).status).toBe(200);
});

test('channel listening: a live situation gets one offer in its thread; bots and repeats are ignored; its button opens the playbook', async () => {
  const channel = '19:listen@thread.tacv2';
  const situation = 'le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents';
  expect(await say(message(situation, { inChannel: true, channel, from: { id: '28:other-bot', name: 'Other', role: 'bot' } }))).toHaveLength(0);
  expect(await say(message(situation, { inChannel: true, channel, from: BOT }))).toHaveLength(0);
  expect(await say(message('bon matin la gang, qui vient dîner?', { inChannel: true, channel }))).toHaveLength(0);
  const activity = message(situation, { inChannel: true, channel });
  const [offer, ...rest] = await say(activity);
  expect(rest).toHaveLength(0);
  expect(offer!.kind).toBe('reply');
  expect(offer!.conversation).toBe(`${channel};messageid=${activity.id}`);
  expect(activityText(offer!.body)).toContain('Panne');
  expect(await say(message('encore : le serveur de fichiers est tombé, personne peut travailler', { inChannel: true, channel }))).toHaveLength(0);
  // The offer's button is a plain submit of the playbook command.
  const button = cardOf(offer!.body).actions![0]!;
  expect(button.data).toMatchObject({ coach: '/playbook outage' });
  expect(texts(await say(message(undefined, { inChannel: true, channel, value: button.data, from: { id: '29:fr', aadObjectId: 'aad-fr', name: 'Flo' } })))).toContain('Quoi faire');
});

test('channel listening: an offer Teams refuses does not mute the playbook; the next message gets it', async () => {
  const channel = '19:listen-refused@thread.tacv2';
  fake.refuseReplies.push(403);
  const refused = await say(message('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents', { inChannel: true, channel }));
  expect(refused.map((c) => c.kind)).toEqual(['reply']);
  const next = message('encore : le serveur de fichiers est tombé, personne peut travailler', { inChannel: true, channel });
  const [offer] = await say(next);
  expect(offer!.conversation).toBe(`${channel};messageid=${next.id}`);
  expect(activityText(offer!.body)).toContain('Panne');
  expect(await say(message('le serveur de fichiers est encore tombé', { inChannel: true, channel }))).toHaveLength(0);
  expect(logs.join('')).toContain('the playbook offer could not be posted');
});

test('/coach award with a Teams mention awards the person under their AAD id', async () => {
  const channel = '19:award@thread.tacv2';
  fake.members.set('29:bob', { id: '29:bob', name: 'Bob Tech', aadObjectId: 'aad-bob' });
  const bob = '<at>Bob Tech</at>';
  const activity = message(`coach award ${bob} 3 belle reprise d’un appel difficile`, { inChannel: true, channel, mention: true, from: ADMIN });
  (activity.entities as unknown[]).push({ type: 'mention', text: bob, mentioned: { id: '29:bob', name: 'Bob Tech' } });
  const calls = await say(activity);
  expect(calls.some((c) => c.kind === 'member' && c.activityId === '29:bob')).toBe(true);
  expect(texts(calls)).toContain('Bob Tech');
  expect(coach.stores(TENANT).read((ws) => ws.channels[channel]?.totals['aad-bob']?.points)).toBe(3);
});

test('two tenants never see each other’s scores', async () => {
  await coach.stores('tenant-a').update((ws) => {
    ws.members.UA = { name: 'alpha-person' };
    ws.channels['19:shared@thread.tacv2'] = { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: { UA: { points: 50, week: '2000-W01', weekPoints: 0, streak: 1, bestStreak: 1, lastDay: null, answers: 5 } } };
  });
  const ask = (tenant: string) => say(message('leaderboard', { inChannel: true, channel: '19:shared@thread.tacv2', mention: true, tenant }));
  expect(texts(await ask('tenant-b'))).not.toContain('alpha-person');
  expect(texts(await ask('tenant-a'))).toContain('alpha-person');
});

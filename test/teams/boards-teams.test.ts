// Who gets points and how people and teams are named, through Teams activities over real HTTP (anonymous
// Emulator mode, a fake connector as serviceUrl): awards only to real mentions (a name in two adjacent
// mentions is one person; never oneself, never a bot), channel names kept, boards in a 1:1 chat, and the
// debrief sent privately to each person who answered, in their 1:1 chat.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeConnector, activityText, cardOf, type ConnectorCall } from './fake-connector.js';

let fake: FakeConnector;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let endpoint: string;
const clock = new ManualClock(new Date('2100-03-01T15:00:00Z')); // Monday 10:00 in Toronto

const TENANT = 'tenant-b';
const BOT = { id: '28:coach-bot', name: 'Support Coach' };
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };
const SAM = { id: '29:samroy', aadObjectId: 'aad-samroy', name: 'Sam Roy' };
const KIM = { id: '29:kim', aadObjectId: 'aad-kim', name: 'Kim' };

beforeAll(async () => {
  fake = new FakeConnector();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-boards-'));
  const result = loadConfig({
    TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'),
    COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: ADMIN.aadObjectId, COACH_HOLIDAYS: 'none',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
  server = await serve(result.config, coach, silentLogger);
  endpoint = `http://127.0.0.1:${server.address.port}/api/messages`;
  for (const p of [SAM, KIM, ADMIN]) fake.members.set(p.id, { id: p.id, name: p.name, aadObjectId: p.aadObjectId });
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

let nextId = 1;
interface Mentioned { text: string; mentioned: Record<string, unknown> }
interface Options { channel?: string; inChannel?: boolean; from?: Record<string, unknown>; value?: unknown; mentions?: Mentioned[]; channelData?: Record<string, unknown>; locale?: string }

/** An activity; in a channel, the text starts with the coach's mention unless it is a card submit. */
function activity(text: string | undefined, o: Options = {}): Record<string, unknown> {
  const id = `m-${nextId++}`;
  const channel = o.channel ?? 'a:personal-x';
  const addressed = o.inChannel && text !== undefined;
  const botMention = { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT };
  return {
    type: 'message', id, channelId: 'msteams', serviceUrl: fake.url, locale: o.locale ?? 'fr-CA',
    from: o.from ?? ADMIN, recipient: BOT,
    conversation: o.inChannel
      ? { id: `${channel};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT }
      : { id: channel, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(o.inChannel ? { channel: { id: channel, name: 'support' }, team: { id: '19:team@thread.tacv2', name: 'Équipe TI' } } : {}), ...o.channelData },
    ...(text !== undefined ? { text: addressed ? `${botMention.text} ${text}` : text } : {}),
    entities: [...(addressed ? [botMention] : []), ...(o.mentions ?? []).map((m) => ({ type: 'mention', ...m }))],
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

async function say(a: Record<string, unknown>): Promise<ConnectorCall[]> {
  const before = fake.calls.length;
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
  expect(res.status).toBe(200);
  return fake.calls.slice(before);
}
const texts = (calls: ConnectorCall[]) => calls.map((c) => activityText(c.body)).join('\n---\n');
const personal = (calls: ConnectorCall[], user: string) => calls.filter((c) => c.conversation === FakeConnector.personalId(user));
const totals = (channel: string) => coach.stores(TENANT).read((ws) => ws.channels[channel]?.totals ?? {});

describe('coach award in Teams', () => {
  const channel = '19:award@thread.tacv2';
  const award = (text: string, mentions: Mentioned[] = [], from: Record<string, unknown> = ADMIN) => say(activity(`coach award ${text}`, { inChannel: true, channel, mentions, from }));

  test('a name with a space arrives as two adjacent mentions of one person: one award, to that person', async () => {
    const calls = await award('<at>Sam</at> <at>Roy</at> 3 belle reprise d’un appel difficile', [
      { text: '<at>Sam</at>', mentioned: { id: SAM.id, name: 'Sam' } },
      { text: '<at>Roy</at>', mentioned: { id: SAM.id, name: 'Roy' } },
    ]);
    expect(texts(personal(calls, ADMIN.id))).toContain('+3 points à Sam Roy : belle reprise d’un appel difficile. Total : 3 points.');
    expect(totals(channel)['aad-samroy']?.points).toBe(3);
    expect(calls.filter((c) => c.kind === 'member' && c.activityId === SAM.id)).toHaveLength(1); // looked up once
    expect(coach.stores(TENANT).read((ws) => ws.members['aad-samroy']?.name)).toBe('Sam Roy');
    // The same with the full name on each entity, and with three pieces.
    await award('<at>Sam</at> <at>Roy</at> 2 suivi', [
      { text: '<at>Sam</at>', mentioned: { id: SAM.id, name: 'Sam Roy' } },
      { text: '<at>Roy</at>', mentioned: { id: SAM.id, name: 'Sam Roy' } },
    ]);
    await award('<at>Sam</at> <at>Roy</at> <at>Roy</at> 1 merci', ['Sam', 'Roy', 'Roy'].map((n) => ({ text: `<at>${n}</at>`, mentioned: { id: SAM.id, name: n } })));
    expect(totals(channel)['aad-samroy']?.points).toBe(6);
  });

  test('two different people side by side are not one target: the usage text', async () => {
    const calls = await award('<at>Sam</at> <at>Kim</at> 3 merci', [
      { text: '<at>Sam</at>', mentioned: { id: SAM.id, name: 'Sam Roy' } },
      { text: '<at>Kim</at>', mentioned: { id: KIM.id, name: 'Kim' } },
    ]);
    expect(texts(personal(calls, ADMIN.id))).toContain('Utilisation : /coach award @membre N raison');
    expect(totals(channel)['aad-kim']).toBeUndefined();
  });

  test('plain text, a channel or a tag is not a person: no phantom member', async () => {
    for (const who of ['carol', '@carol', 'Carol']) {
      const calls = await award(`${who} 5 merci`);
      expect(texts(personal(calls, ADMIN.id))).toContain(`« ${who} » n’est pas une mention`);
    }
    const channelMention = await award('<at>General</at> 5 merci', [{ text: '<at>General</at>', mentioned: { id: '19:team@thread.tacv2', name: 'General' } }]);
    expect(texts(personal(channelMention, ADMIN.id))).toContain('« General » n’est pas une mention');
    const tag = await award('<at>Niveau 1</at> 5 merci', [{ text: '<at>Niveau 1</at>', mentioned: { id: 'dGFnLW5pdmVhdTE=', name: 'Niveau 1' } }]);
    expect(texts(personal(tag, ADMIN.id))).toContain('« Niveau » n’est pas une mention');
    expect(Object.keys(totals(channel)).filter((u) => u.startsWith('19:') || u.startsWith('dGFn'))).toEqual([]);
    expect(coach.stores(TENANT).read((ws) => Object.keys(ws.members).filter((m) => /carol/i.test(m)))).toEqual([]);
  });

  test('oneself, the coach and other bots are refused with a clear message', async () => {
    const self = await award('<at>Ada Admin</at> 5 moi', [{ text: '<at>Ada Admin</at>', mentioned: { id: ADMIN.id, name: ADMIN.name } }]);
    expect(texts(personal(self, ADMIN.id))).toContain('Vous ne pouvez pas vous donner des points à vous-même');
    const coachItself = await award(`<at>${BOT.name}</at> 5 merci`, [{ text: `<at>${BOT.name}</at>`, mentioned: BOT }]);
    expect(texts(personal(coachItself, ADMIN.id))).toContain('Support Coach est un bot : les points vont aux membres de l’équipe.');
    const otherBot = await award('<at>Polly</at> 5 merci', [{ text: '<at>Polly</at>', mentioned: { id: '28:polly', name: 'Polly' } }]);
    expect(texts(personal(otherBot, ADMIN.id))).toContain('Polly est un bot');
    expect(Object.keys(totals(channel)).filter((u) => u.startsWith('28:') || u === 'aad-admin')).toEqual([]);
  });
});

describe('names and boards in Teams', () => {
  test('a General channel (no name in the activity) is named after its team; bidi characters never reach a card', async () => {
    const general = '19:team@thread.tacv2';
    const from = { id: '29:eve', aadObjectId: 'aad-eve', name: 'E\u202Eve\u200B' };
    fake.members.set(from.id, { id: from.id, name: 'Eve', aadObjectId: from.aadObjectId });
    await say(activity('coach award <at>Eve</at> 4 accueil', {
      inChannel: true, channel: general, channelData: { channel: { id: general } }, mentions: [{ text: '<at>Eve</at>', mentioned: { id: from.id, name: from.name } }],
    }));
    expect(coach.stores(TENANT).read((ws) => [ws.channels[general]?.name, ws.members['aad-eve']?.name])).toEqual(['Équipe TI', 'Eve']);
    const board = await say(activity('leaderboard', { inChannel: true, channel: general, channelData: { channel: { id: general } }, from }));
    const text = texts(personal(board, from.id));
    expect(text).toContain('Classement · Équipe TI');
    expect(text).toContain('1. Eve · 4 pts');
    expect(text).not.toMatch(/[\u202a-\u202e\u200b]/);
  });

  test('in a 1:1 chat, the leaderboard shows the person’s team and says so; coach leaderboard all ranks ties alike', async () => {
    const calls = await say(activity('leaderboard', { from: SAM, channel: 'a:personal-sam' }));
    const text = texts(calls);
    expect(text).toContain('Classement · support');
    expect(text).toContain('Vous m’écrivez en privé : voici le classement de votre équipe, support.');
    expect(text).not.toContain('a:personal-sam');
    expect(text).toContain('1. Sam Roy · 6 pts');
    const all = texts(await say(activity('leaderboard all', { from: SAM, channel: 'a:personal-sam' })));
    expect(all).toMatch(/1\. support · 6 pts[\s\S]*2\. Équipe TI · 4 pts/);
  });
});

describe('debriefs in Teams', () => {
  test('feedback keeps the best choice for the debrief; coach reveal sends each person who answered a private copy in their 1:1 chat', async () => {
    const channel = '19:debrief@thread.tacv2';
    const posted = (await say(activity('coach post', { inChannel: true, channel }))).find((c) => c.kind === 'send' && c.conversation === channel)!;
    const challenge = () => coach.stores(TENANT).read((ws) => ws.channels[channel]!.challenges.at(-1)!);
    const choices = coach.library.scenarios.find((s) => s.id === challenge().scenarioId)!.fr.choices;
    const best = choices.findIndex((c) => c.best);
    const other = best === 0 ? 1 : 0;
    const submits = cardOf(posted.body).actions!.filter((a) => a.type === 'Action.Submit');
    const samCalls = await say(activity(undefined, { inChannel: true, channel, from: SAM, value: submits[other]!.data }));
    const feedback = texts(personal(samCalls, SAM.id));
    expect(feedback).toContain(choices[other]!.explanation.slice(0, 50));
    expect(feedback).not.toContain(choices[best]!.text.slice(0, 40));
    await say(activity('coach lang en', { from: KIM, channel: 'a:personal-kim' }));
    await say(activity(undefined, { inChannel: true, channel, from: KIM, value: submits[best]!.data }));

    const reveal = await say(activity('coach reveal', { inChannel: true, channel }));
    const postId = (challenge().postRef as { activityId: string }).activityId;
    expect(texts(reveal.filter((c) => c.conversation === `${channel};messageid=${postId}`))).toContain('Meilleur choix');
    const sam = texts(personal(reveal, SAM.id));
    expect(sam).toContain(`Votre réponse : ${choices[other]!.points}/10`);
    expect(sam).toContain('Meilleur choix');
    const kim = texts(personal(reveal, KIM.id));
    expect(kim).toContain('Your answer: 10/10');
    expect(kim).toContain('Best choice');
    // The admin who revealed did not answer: no private copy for them.
    expect(texts(personal(reveal, ADMIN.id))).not.toContain('Votre réponse');
  });

  test('a short answer from a channel card: the confirmation goes to the 1:1 chat without a button that would answer there; typed in the channel, it is recorded', async () => {
    const channel = '19:short@thread.tacv2';
    const posted = (await say(activity('coach post', { inChannel: true, channel }))).find((c) => c.kind === 'send' && c.conversation === channel)!;
    const own = cardOf(posted.body).actions!.at(-1)!;
    const calls = await say(activity(undefined, { inChannel: true, channel, from: SAM, value: { ...(own.data as object), answerText: 'ok' } }));
    const mine = personal(calls, SAM.id);
    expect(texts(mine)).toContain('« ok », c’est trop court pour que je puisse le noter');
    for (const c of mine) expect(cardOf(c.body).actions ?? []).toEqual([]);
    expect(texts(calls.filter((c) => c.conversation.startsWith(channel)))).toBe('Je vous ai répondu en privé.');
    const challenge = () => coach.stores(TENANT).read((ws) => ws.channels[channel]!.challenges.at(-1)!);
    expect(challenge().answers).toEqual({});
    await say(activity('answer ! ok', { inChannel: true, channel, from: SAM }));
    expect(challenge().answers['aad-samroy']).toMatchObject({ choice: null });
  });

  test('the scheduled reveal sends the private copies too', async () => {
    const channel = '19:daily-b@thread.tacv2';
    await say(activity('coach schedule on', { inChannel: true, channel }));
    clock.set(new Date('2100-03-02T14:00:30Z')); // Tuesday 09:00:30
    await server.tick();
    const post = await fake.waitFor((c) => c.kind === 'send' && c.conversation === channel);
    const first = cardOf(post.body).actions!.find((a) => a.type === 'Action.Submit')!;
    await say(activity(undefined, { inChannel: true, channel, from: SAM, value: first.data }));
    const before = fake.calls.length;
    clock.set(new Date('2100-03-03T13:00:30Z')); // Wednesday 08:00:30
    await server.tick();
    const calls = fake.calls.slice(before);
    expect(texts(personal(calls, SAM.id))).toContain('Votre réponse :');
    expect(calls.some((c) => c.kind === 'send' && c.conversation.startsWith(`${channel};messageid=`))).toBe(true);
  });
});

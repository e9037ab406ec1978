// The review queue over Teams (issue 14, item 3), through activities over real HTTP (anonymous Emulator
// mode, a fake connector as serviceUrl): "Contest this score" on the feedback card is a text box and a
// submit; `coach queue` shows each item as a card with "Confirm" and "Adjust" (a text box for the new score
// and the reason); the member hears of the adjustment in their 1:1 chat; non-admins are refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { ANSWER_INPUT_ID } from '../../src/render/adaptive-cards.js';
import { root } from '../helpers.js';
import { FakeConnector, activityText, cardOf, type ConnectorCall } from './fake-connector.js';

let fake: FakeConnector;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let endpoint: string;
const clock = new ManualClock(new Date('2100-03-01T15:00:00Z')); // Monday 10:00 in Toronto

const TENANT = 'tenant-q';
const BOT = { id: '28:coach-bot', name: 'Support Coach' };
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };
const SAM = { id: '29:samroy', aadObjectId: 'aad-samroy', name: 'Sam Roy' };
const KIM = { id: '29:kim', aadObjectId: 'aad-kim', name: 'Kim' };
const CHANNEL = '19:queue@thread.tacv2';

beforeAll(async () => {
  fake = new FakeConnector();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-queue-'));
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
/** An activity from `from`, in the team channel (text addressed to the coach) or in their 1:1 chat. */
function activity(text: string | undefined, o: { inChannel?: boolean; from?: typeof SAM; value?: unknown } = {}): Record<string, unknown> {
  const id = `m-${nextId++}`;
  const from = o.from ?? ADMIN;
  const addressed = o.inChannel && text !== undefined;
  const botMention = { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT };
  return {
    type: 'message', id, channelId: 'msteams', serviceUrl: fake.url, locale: 'fr-CA', from, recipient: BOT,
    conversation: o.inChannel
      ? { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT }
      : { id: `a:personal-${from.id}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(o.inChannel ? { channel: { id: CHANNEL, name: 'support' }, team: { id: '19:team@thread.tacv2', name: 'Équipe TI' } } : {}) },
    ...(text !== undefined ? { text: addressed ? `${botMention.text} ${text}` : text } : {}),
    entities: addressed ? [botMention] : [],
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
type Submit = { type: string; title: string; data: Record<string, unknown> };
const submits = (c: ConnectorCall) => (cardOf(c.body).actions ?? []) as Submit[];

test('contest on the feedback card, review with the queue card, adjust once; the member is told in their 1:1 chat; non-admins refused', async () => {
  const posted = (await say(activity('coach post', { inChannel: true }))).find((c) => c.kind === 'send' && c.conversation === CHANNEL)!;
  const choice = submits(posted).find((a) => a.type === 'Action.Submit')!;
  const answered = personal(await say(activity(undefined, { inChannel: true, from: SAM, value: choice.data })), SAM.id);
  const feedback = answered.find((c) => activityText(c.body).includes('/10'))!;
  // The feedback card has the reason's text box and the contest submit.
  const card = cardOf(feedback.body);
  expect(card.body.some((e) => e.type === 'Input.Text' && e.id === ANSWER_INPUT_ID)).toBe(true);
  const contest = submits(feedback).find((a) => a.title === 'Contester cette note')!;
  expect(String(contest.data.coach)).toMatch(/^\/coach contest \d{4}-\d{2}-\d{2}-[a-z0-9-]+ $/);
  // Submitted from the 1:1 chat with a reason.
  const queued = await say(activity(undefined, { from: SAM, value: { ...contest.data, [ANSWER_INPUT_ID]: 'Mon choix respecte la politique' } }));
  expect(texts(queued)).toContain('Votre contestation est dans la file de révision');

  // Kim is no admin: refused, typed or clicked.
  expect(texts(await say(activity('coach queue', { from: KIM })))).toContain('Seul un admin peut consulter');
  expect(texts(await say(activity(undefined, { from: KIM, value: { coach: '/coach queue confirm 1' } })))).toContain('Seul un admin peut consulter');

  const list = await say(activity('coach queue'));
  const item = list.find((c) => activityText(c.body).includes('n° 1'))!;
  expect(activityText(item.body)).toContain('contestée par le membre : « Mon choix respecte la politique »');
  const [confirm, adjust] = submits(item);
  expect(confirm!.data.coach).toBe('/coach queue confirm 1');
  expect(adjust!.data).toMatchObject({ coach: '/coach queue adjust 1 ', input: ANSWER_INPUT_ID });

  const given = coach.stores(TENANT).read((ws) => ws.channels[CHANNEL]!.challenges.at(-1)!.answers['aad-samroy']!.score);
  const newScore = given >= 9 ? 2 : 9;
  // A bad adjustment (no reason) gets the usage, and changes nothing.
  expect(texts(await say(activity(undefined, { value: { ...adjust!.data, [ANSWER_INPUT_ID]: `${newScore}` } })))).toContain('Utilisation : /coach queue adjust 1 NOTE RAISON');
  const done = await say(activity(undefined, { value: { ...adjust!.data, [ANSWER_INPUT_ID]: `${newScore} Bon raisonnement sur la politique` } }));
  expect(texts(done)).toContain(`${given}/10 → ${newScore}/10`);
  const notice = activityText((await fake.waitFor((c) => c.conversation === FakeConnector.personalId(SAM.id) && activityText(c.body).includes('Votre note a été revue'))).body);
  expect(notice).toContain('Votre note a été revue');
  expect(notice).toContain('Bon raisonnement sur la politique');
  // A second click: nothing changes.
  expect(texts(await say(activity(undefined, { value: confirm!.data })))).toContain('L’élément n° 1 a déjà été revu');
  const log = (await coach.store.readLog(TENANT)).filter((e) => e.kind === 'adjust');
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ user: 'aad-samroy', by: 'aad-admin', delta: newScore - given });
  expect(coach.stores(TENANT).read((ws) => ws.channels[CHANNEL]!.totals['aad-samroy']!.points)).toBe(newScore);
});

test('a reminder an hour before the debrief reaches an active member in their 1:1 chat, once', async () => {
  const channel = '19:remind@thread.tacv2';
  const inChannel = (text: string | undefined, from = ADMIN, value?: unknown) => ({ ...activity(text, { inChannel: true, from, ...(value !== undefined ? { value } : {}) }), conversation: { id: `${channel};messageid=m-r${nextId++}`, conversationType: 'channel', isGroup: true, tenantId: TENANT }, channelData: { tenant: { id: TENANT }, channel: { id: channel, name: 'rappels' }, team: { id: '19:team@thread.tacv2', name: 'Équipe TI' } } });
  clock.set(new Date('2100-03-08T10:00:00-05:00'));
  const monday = (await say(inChannel('coach post'))).find((c) => c.kind === 'send' && c.conversation === channel)!;
  const choice = submits(monday).find((a) => a.type === 'Action.Submit')!;
  await say(inChannel(undefined, KIM, choice.data));
  clock.set(new Date('2100-03-09T10:00:00-05:00'));
  await say(inChannel('coach post'));
  const before = fake.calls.length;
  clock.set(new Date('2100-03-10T07:00:00-05:00'));
  await server.tick();
  const reminder = await fake.waitFor((c) => c.conversation === FakeConnector.personalId(KIM.id) && activityText(c.body).includes('Rappel'));
  expect(activityText(reminder.body)).toContain('Le corrigé sera publié');
  clock.set(new Date('2100-03-10T07:30:00-05:00'));
  await server.tick();
  await say(activity('coach reminders', { from: KIM }));
  expect(fake.calls.slice(before).filter((c) => activityText(c.body).includes('# Rappel') || activityText(c.body).startsWith('Rappel'))).toHaveLength(1);
});

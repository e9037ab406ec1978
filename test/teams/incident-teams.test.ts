// The incident coach over Teams (issue 11), in anonymous (Emulator) mode: activities in on
// POST /api/messages, a fake connector as their serviceUrl. The same flow as in the terminal and Slack:
// the incident's post in the channel and everything else in its thread, the draft and the tips in the
// owner's 1:1 chat (its "Edit" box submitted from there), reminders in the thread mentioning the owner,
// a snooze, a restart that keeps the timers, the escalation to an admin in their 1:1 chat, resolve.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeConnector, activityText, cardOf, type ConnectorCall } from './fake-connector.js';

let fake: FakeConnector;
let dir: string;
let config: Config;
let coach: OpenCoach;
let server: RunningServer;
let endpoint: string;
const clock = new ManualClock(new Date('2100-03-06T14:00:00Z')); // Saturday, 09:00 in Toronto
const at = (hhmm: string) => clock.set(new Date(`2100-03-06T${hhmm}:00-05:00`));

const TENANT = 'tenant-inc';
const BOT = { id: '28:coach-bot', name: 'Support Coach' };
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };
const UMA = { id: '29:uma', aadObjectId: 'aad-uma', name: 'Uma User' };
const CHANNEL = '19:incidents@thread.tacv2';
const PERSONAL = FakeConnector.personalId(UMA.id);

async function start(): Promise<void> {
  coach = await openCoach(config, { clock });
  server = await serve(config, coach, silentLogger);
  endpoint = `http://127.0.0.1:${server.address.port}/api/messages`;
}

beforeAll(async () => {
  fake = new FakeConnector();
  await fake.start();
  fake.members.set(ADMIN.aadObjectId, { id: ADMIN.id, name: ADMIN.name, aadObjectId: ADMIN.aadObjectId });
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-incident-'));
  const result = loadConfig({
    TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'),
    COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: ADMIN.aadObjectId, COACH_TIMEZONE: 'America/Toronto',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  config = result.config;
  await start();
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

let nextId = 1;
/** A message (or card submit) in the channel, mentioning the bot; or, with `personal`, in Uma's 1:1 chat. */
function activity(text: string | undefined, o: { value?: unknown; personal?: boolean; from?: typeof UMA } = {}): Record<string, unknown> {
  const id = `m-${nextId++}`;
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message', id, channelId: 'msteams', serviceUrl: fake.url, locale: 'fr-CA', from: o.from ?? UMA, recipient: BOT,
    conversation: o.personal
      ? { id: PERSONAL, conversationType: 'personal', tenantId: TENANT }
      : { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(o.personal ? {} : { channel: { id: CHANNEL, name: 'incidents' }, team: { id: '19:team@thread.tacv2' } }) },
    ...(text !== undefined ? { text: o.personal ? text : `${mention} ${text}`, ...(o.personal ? {} : { entities: [{ type: 'mention', text: mention, mentioned: BOT }] }) } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}
async function say(body: Record<string, unknown>): Promise<ConnectorCall[]> {
  const before = fake.calls.length;
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return fake.calls.slice(before);
}
async function tickAt(hhmm: string): Promise<ConnectorCall[]> {
  at(hhmm);
  const before = fake.calls.length;
  await server.tick();
  return fake.calls.slice(before);
}
const texts = (calls: ConnectorCall[]) => calls.map((c) => activityText(c.body)).join('\n---\n');
type Submit = { type: string; title: string; data: Record<string, unknown> };
const submits = (call: ConnectorCall): Submit[] => {
  const card = cardOf(call.body);
  return [...(card.actions ?? []), ...card.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Record<string, unknown>[])] as unknown as Submit[];
};

test('the whole incident over Teams, everything in the incident’s thread, a restart in the middle', async () => {
  // 09:00: the incident's post in the channel; the draft in Uma's 1:1 chat; a short trace in her thread.
  const started = await say(activity('incident start Lecteur réseau S:'));
  const post = started.find((c) => c.kind === 'send' && c.conversation === CHANNEL)!;
  expect(activityText(post.body)).toContain('Incident 1 · Lecteur réseau S:');
  expect(activityText(post.body)).toContain('responsable : Uma User');
  const postId = coach.stores(TENANT).read((ws) => (ws.channels[CHANNEL]!.incidents![0]!.postRef as { activityId: string }).activityId);
  expect(postId).toMatch(/^act-/);
  const thread = `${CHANNEL};messageid=${postId}`;
  const draft = started.find((c) => c.conversation === PERSONAL && c.kind === 'send')!;
  expect(activityText(draft.body)).toContain('Premier avis à publier · incident 1');
  const input = cardOf(draft.body).body.find((e) => e.type === 'Input.Text')!;
  expect(String(input.value)).toContain('Depuis 9 h 00, Lecteur réseau S: est inaccessible pour tous les utilisateurs.');
  expect(input.placeholder).toBe('Le texte de l’avis, tel que les utilisateurs le liront');
  const [postIt, edit] = submits(draft);
  expect(postIt).toMatchObject({ title: 'Publier', data: { coach: '/incident post #1' } });
  expect(edit).toMatchObject({ title: 'Modifier', data: { coach: '/incident update #1 ', input: 'answerText' } });
  expect(texts(started.filter((c) => c.kind === 'reply'))).toBe('Je vous ai répondu en privé.');

  // 09:03: "Edit", submitted from the 1:1 chat: the notice goes to the incident's thread, the state line is updated.
  at('09:03');
  const edited = 'Le lecteur S: ne s’ouvre plus pour personne depuis 8 h 45. Nous sommes désolés. [cliquez](https://evil.example)\n- Prochaine mise à jour : 9 h 35.';
  const posted = await say(activity(undefined, { personal: true, value: { ...edit!.data, answerText: edited } }));
  const notice = posted.find((c) => c.kind === 'send' && c.conversation === thread)!;
  expect(activityText(notice.body)).toContain('Premier avis · Lecteur réseau S: · 9 h 03');
  // User text cannot forge a link: the Markdown is broken by a zero-width space.
  expect(JSON.stringify(notice.body)).not.toContain('[cliquez](https://evil.example)');
  const update = posted.find((c) => c.kind === 'update')!;
  expect(update.activityId).toBe(postId);
  expect(activityText(update.body)).toContain('1 avis envoyé · prochaine mise à jour attendue à 9 h 35');
  expect(texts(posted.filter((c) => c.conversation === PERSONAL))).toContain('Publié. Prochaine mise à jour attendue à 9 h 35');

  // 09:05: an update typed in the channel; the tip goes to the 1:1 chat, the post still goes out.
  at('09:05');
  const typed = await say(activity('incident update Le serveur ESXi est en panne. Prochaine mise à jour : 9 h 35.'));
  expect(texts(typed.filter((c) => c.conversation === thread))).toContain('Le serveur ESXi est en panne.');
  expect(texts(typed.filter((c) => c.conversation === PERSONAL))).toContain('Mots techniques : ESXi.');

  // No reminder at +20 min; one at +31 min in the thread, mentioning Uma.
  expect((await tickAt('09:25')).filter((c) => c.kind === 'send')).toHaveLength(0);
  const due = (await tickAt('09:36')).filter((c) => c.kind === 'send');
  expect(due.map((c) => c.conversation)).toEqual([thread]);
  expect(activityText(due[0]!.body)).toContain('Uma User, la dernière nouvelle aux utilisateurs date de 31 min (à 9 h 05)');
  const card = cardOf(due[0]!.body) as unknown as { body: { text?: string }[]; msteams: { entities: unknown[] } };
  expect(card.msteams.entities).toEqual([{ type: 'mention', text: '<at>Uma User</at>', mentioned: { id: UMA.aadObjectId, name: 'Uma User' } }]);
  expect(card.body.some((e) => e.text === '<at>Uma User</at>')).toBe(true);
  const snooze = submits(due[0]!).find((s) => s.data.coach === '/incident snooze #1 15')!;
  const snoozed = await say(activity(undefined, { value: snooze.data }));
  expect(texts(snoozed.filter((c) => c.conversation === PERSONAL))).toContain('Rappel reporté à 9 h 51.');

  // A restart: timers from the data file; the escalation reaches the admin's 1:1 chat.
  await server.stop();
  await start();
  expect((await tickAt('09:50')).filter((c) => c.kind === 'send')).toHaveLength(0);
  expect((await tickAt('09:52')).filter((c) => c.kind === 'send').map((c) => c.conversation)).toEqual([thread]);
  const overdue = await tickAt('10:36');
  expect(overdue.some((c) => c.kind === 'member' && c.conversation === CHANNEL && c.activityId === ADMIN.aadObjectId)).toBe(true);
  const created = overdue.find((c) => c.kind === 'create')!;
  expect(created.body).toMatchObject({ members: [{ id: ADMIN.id }], tenantId: TENANT });
  const escalation = overdue.find((c) => c.kind === 'send' && c.conversation === FakeConnector.personalId(ADMIN.id))!;
  expect(activityText(escalation.body)).toContain('Mises à jour en retard · incident 1');
  expect(activityText(escalation.body)).toContain('Dans #incidents, l’incident « Lecteur réseau S: » (responsable : Uma User)');
  expect(overdue.filter((c) => c.kind === 'send' && c.conversation.startsWith(CHANNEL)).map((c) => c.conversation)).toEqual([thread]);

  // Resolve in the channel: "service restored" in the thread, the post's state, the report privately.
  at('10:40');
  const resolved = await say(activity('incident resolve Disque remplacé.'));
  expect(texts(resolved.filter((c) => c.conversation === thread))).toContain('Le service est rétabli depuis 10 h 40.');
  expect(texts(resolved.filter((c) => c.kind === 'update'))).toContain('État : service rétabli à 10 h 40');
  const report = texts(resolved.filter((c) => c.conversation === PERSONAL));
  for (const line of ['9 h 00 · Incident ouvert par Uma User', '9 h 03 · Premier avis publié par Uma User', '9 h 05 · Mise à jour publiée par Uma User', '9 h 36 · Rappel du coach', '9 h 36 · Uma User reporte le rappel de 15 minutes', '9 h 52 · Rappel du coach', '10 h 36 · Chefs d’équipe avertis', '10 h 40 · Service rétabli, annoncé par Uma User']) {
    expect(report).toContain(line);
  }
  expect((await tickAt('12:00')).filter((c) => c.kind === 'send')).toHaveLength(0);
  // Another tenant does not see it.
  const other = await say({ ...activity('incident report #1', { personal: true }), conversation: { id: 'a:other', conversationType: 'personal', tenantId: 'tenant-other' }, channelData: { tenant: { id: 'tenant-other' } } });
  expect(texts(other)).toContain('Je ne trouve pas d’incident #1');
});

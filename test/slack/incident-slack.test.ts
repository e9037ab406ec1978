// The incident coach over Slack (issue 11): signed slash commands, buttons and modals in, the fake Web API
// out. The same flow as in the terminal: start at 09:00, the draft edited in a modal, an update, no
// reminder at +20 min, a reminder in the incident's thread at +31 min, a snooze, a restart that keeps the
// timers, the escalation to an admin in a direct message, resolve, and the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, slashBody, type Call } from './fake-slack.js';

let fake: FakeSlack;
let dir: string;
let config: Config;
let coach: OpenCoach;
let server: RunningServer;
let events: string;
// Saturday 2100-03-06, 09:00 in Toronto.
const clock = new ManualClock(new Date('2100-03-06T14:00:00Z'));
const at = (hhmm: string) => clock.set(new Date(`2100-03-06T${hhmm}:00-05:00`));

async function start(): Promise<void> {
  coach = await openCoach(config, { clock });
  server = await serve(config, coach, silentLogger);
  events = `http://127.0.0.1:${server.address.port}/slack/events`;
}

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-incident-'));
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'UADMIN',
    COACH_TIMEZONE: 'America/Toronto',
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

const FORM = 'application/x-www-form-urlencoded';
let responseId = 500;
async function slash(command: string, text: string, extra: { user?: string; team?: string; channel?: string } = {}): Promise<Call> {
  const id = ++responseId;
  const r = await postSigned(events, slashBody(fake, { command, text, id, channel: 'CINC', ...extra }), FORM);
  expect(r.status).toBe(200);
  return fake.response(id);
}
type Block = { type: string; block_id?: string; text?: { text: string }; elements?: { action_id: string; value: string; text: { text: string } }[] };
const blocksOf = (c: Call) => (c.body.blocks ?? []) as Block[];
const textOf = (c: Call) => JSON.stringify(c.body.blocks ?? c.body.text ?? '');
const buttons = (c: Call) => blocksOf(c).filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => ({ ...e, block_id: b.block_id })));
const posts = (predicate: (c: Call) => boolean = () => true) => fake.of('chat.postMessage').filter((c) => c.body.channel === 'CINC' && predicate(c));
async function click(button: { action_id: string; value: string; block_id?: string }, user = 'U1', id = ++responseId): Promise<number> {
  const payload = {
    type: 'block_actions', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, channel: { id: 'CINC' },
    trigger_id: `trig-${id}`, response_url: `${fake.url}/respond/${id}`, api_app_id: 'A1', token: 'x',
    actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: button.block_id ?? 'b', action_ts: '1' }],
  };
  expect((await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM)).status).toBe(200);
  return id;
}
/** A tick of the scheduler at a given time, and the Web API calls it caused. */
async function tickAt(hhmm: string): Promise<Call[]> {
  at(hhmm);
  const before = fake.calls.length;
  await server.tick();
  return fake.calls.slice(before);
}

test('the whole incident over Slack, reminders in the incident’s thread, a restart in the middle', async () => {
  // 09:00: /incident start. The incident's post goes in the channel; the draft comes privately.
  const draft = await slash('/incident', 'start Lecteur réseau S:');
  const header = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CINC' && !c.body.thread_ts);
  expect(textOf(header)).toContain('Incident 1 · Lecteur réseau S:');
  expect(textOf(header)).toContain('État : panne en cours depuis 9 h 00 · aucun avis encore · prochaine mise à jour attendue à 9 h 30 · responsable : u1');
  // The post's ts (from the Web API's answer) is kept with the incident: its thread and its state line use it.
  const ts = coach.stores('T1').read((ws) => (ws.channels.CINC!.incidents![0]!.postRef as { ts: string }).ts);
  expect(ts).toMatch(/^\d+\.000100$/);
  expect(draft.body.response_type).toBe('ephemeral');
  expect(textOf(draft)).toContain('Premier avis à publier · incident 1');
  expect(textOf(draft)).toContain('Depuis 9 h 00, Lecteur réseau S: est inaccessible pour tous les utilisateurs. Nous sommes désolés des inconvénients.');
  const [postIt, edit] = buttons(draft);
  expect(postIt).toMatchObject({ value: '/incident post #1', text: { text: 'Publier' } });
  expect(edit).toMatchObject({ action_id: 'coach:input', value: '/incident update #1 ', text: { text: 'Modifier' } });

  // "Edit" opens a modal that starts from the draft; its text, edited, is posted in the incident's thread.
  at('09:03');
  await click(edit!);
  const modal = await fake.waitFor('views.open', (c) => (c.body.view as { callback_id?: string }).callback_id === 'coach:incident');
  const view = modal.body.view as { callback_id: string; private_metadata: string; blocks: { element: { initial_value: string } }[] };
  expect(view.blocks[0]!.element.initial_value).toContain('Prochaine mise à jour : 9 h 30, ou avant si la situation change.');
  const edited = [
    'Objet : Lecteur réseau S: – panne en cours',
    'Depuis 8 h 45, le lecteur S: ne s’ouvre plus pour personne. Nous sommes désolés des inconvénients. <!channel> <http://evil.example|cliquez ici>',
    '- En attendant : enregistrez vos fichiers sur votre poste.',
    '- Prochaine mise à jour : 9 h 35, ou avant si la situation change.',
  ].join('\n');
  const submit = {
    type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1', name: 'u1', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
    view: { id: 'V1', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { incident: { text: { type: 'plain_text_input', value: edited } } } } },
  };
  expect((await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(submit))}`, FORM)).status).toBe(200);
  const notice = await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts && textOf(c).includes('Premier avis ·'));
  expect(textOf(notice)).toContain('Premier avis · Lecteur réseau S: · 9 h 03');
  // User text is escaped: no @channel ping, no forged link; the bullets stay bullets.
  expect(textOf(notice)).toContain('&lt;!channel&gt; &lt;http://evil.example|cliquez ici&gt;');
  expect(textOf(notice)).not.toContain('<!channel>');
  expect(textOf(notice)).toContain('• En attendant : enregistrez vos fichiers sur votre poste.');
  const state = await fake.waitFor('chat.update', (c) => c.body.ts === ts);
  expect(textOf(state)).toContain('1 avis envoyé · prochaine mise à jour attendue à 9 h 35');
  const confirm = await fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U1' && textOf(c).includes('Publié'));
  expect(textOf(confirm)).toContain('Publié. Prochaine mise à jour attendue à 9 h 35 : je vous le rappellerai.');

  // 09:05: an update by slash command, in the thread; a tip privately, the post still goes out.
  at('09:05');
  const tips = await slash('/incident', 'update Le DNS du serveur est corrompu. Prochaine mise à jour : 9 h 35.');
  expect(textOf(tips)).toContain('Mots techniques : DNS.');
  await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts && textOf(c).includes('Le DNS du serveur est corrompu.'));

  // No reminder 20 minutes later; one at +31 min, in the thread, mentioning the owner.
  expect((await tickAt('09:25')).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  const due = (await tickAt('09:36')).filter((c) => c.method === 'chat.postMessage');
  expect(due).toHaveLength(1);
  expect(due[0]!.body).toMatchObject({ channel: 'CINC', thread_ts: ts });
  expect(textOf(due[0]!)).toContain('Mise à jour attendue · incident 1');
  expect(textOf(due[0]!)).toContain('<@U1>');
  expect(textOf(due[0]!)).toContain('la dernière nouvelle aux utilisateurs date de 31 min (à 9 h 05)');
  const [postUpdate, nothingNew, snooze] = buttons(due[0]!);
  expect(postUpdate).toMatchObject({ action_id: 'coach:input', value: '/incident update #1 ' });
  expect(nothingNew).toMatchObject({ value: '/incident still #1' });
  expect(snooze).toMatchObject({ value: '/incident snooze #1 15' });
  const snoozed = await fake.response(await click(snooze!));
  expect(textOf(snoozed)).toContain('Rappel reporté à 9 h 51.');

  // A restart: the coach comes back on the same data file; the snooze holds, then the reminder and the escalation come.
  await server.stop();
  await start();
  expect((await tickAt('09:50')).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  const again = (await tickAt('09:52')).filter((c) => c.method === 'chat.postMessage');
  expect(again.map((c) => c.body.thread_ts)).toEqual([ts]);
  const overdue = await tickAt('10:36');
  const opened = overdue.find((c) => c.method === 'conversations.open')!;
  expect(opened.body.users).toBe('UADMIN');
  const direct = overdue.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'D-UADMIN')!;
  expect(textOf(direct)).toContain('Mises à jour en retard · incident 1');
  expect(textOf(direct)).toContain('(responsable : u1) n’a pas donné de nouvelles aux utilisateurs depuis 1 h 31 min; une mise à jour était attendue à 9 h 35.');
  expect(overdue.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'CINC').map((c) => c.body.thread_ts)).toEqual([ts]);

  // "Nothing new" posts the ready update; then resolve.
  at('10:38');
  await click(nothingNew!);
  await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts && textOf(c).includes('Nous travaillons toujours à rétablir Lecteur réseau S:'));
  at('10:40');
  const resolved = await slash('/incident', 'resolve Disque remplacé.');
  const restored = await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts && textOf(c).includes('Service rétabli ·'));
  expect(textOf(restored)).toContain('Le service est rétabli depuis 10 h 40.');
  await fake.waitFor('chat.update', (c) => c.body.ts === ts && textOf(c).includes('État : service rétabli à 10 h 40 (durée : 1 h 40 min)'));
  expect(textOf(resolved)).toContain('Incident 1 résolu');
  const report = await fake.waitFor('response_url', (c) => textOf(c).includes('Rapport d’incident · Lecteur réseau S:'));
  for (const line of ['9 h 00 · Incident ouvert par u1', '9 h 03 · Premier avis publié par u1', '9 h 05 · Mise à jour publiée par u1', '9 h 36 · Rappel du coach', '9 h 36 · u1 reporte le rappel de 15 minutes', '9 h 52 · Rappel du coach', '10 h 36 · Chefs d’équipe avertis', '10 h 38 · Mise à jour publiée par u1', '10 h 40 · Service rétabli, annoncé par u1 : Disque remplacé.']) {
    expect(textOf(report)).toContain(line);
  }
  // After the resolution the timers are stopped.
  expect((await tickAt('12:00')).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  // /incident report shows it again; another workspace cannot see it.
  expect(textOf(await slash('/incident', 'report'))).toContain('Rapport d’incident · Lecteur réseau S:');
  expect(textOf(await slash('/incident', 'report #1', { team: 'T2' }))).toContain('Je ne trouve pas d’incident #1');
  expect(posts((c) => c.body.thread_ts === ts).every((c) => !JSON.stringify(c.body).includes('<!channel>'))).toBe(true);
});

test('"Start an incident" on the outage playbook and on a channel offer opens a modal for the title', async () => {
  const playbook = await slash('/playbook', 'panne', { channel: 'COFFER' });
  const start = buttons(playbook).find((b) => b.value === '/incident start ')!;
  expect(start).toMatchObject({ action_id: 'coach:input', text: { text: 'Démarrer un incident' } });

  const message = JSON.stringify({
    type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvInc', event_time: 1,
    event: { type: 'message', channel: 'COFFER', user: 'U5', text: 'le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents', ts: '1700000001.000100', channel_type: 'channel' },
  });
  await postSigned(events, message, 'application/json');
  const offer = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'COFFER' && c.body.thread_ts === '1700000001.000100');
  const offered = buttons(offer).find((b) => b.value === '/incident start ')!;
  expect(offered.text.text).toBe('Démarrer un incident');

  const payload = {
    type: 'block_actions', team: { id: 'T1' }, user: { id: 'U5', name: 'u5', team_id: 'T1' }, channel: { id: 'COFFER' }, trigger_id: 'trig-offer',
    response_url: `${fake.url}/respond/777`, api_app_id: 'A1', token: 'x', actions: [{ type: 'button', action_id: offered.action_id, value: offered.value, block_id: offered.block_id, action_ts: '1' }],
  };
  await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM);
  const modal = await fake.waitFor('views.open', (c) => c.body.trigger_id === 'trig-offer');
  const view = modal.body.view as { callback_id: string; private_metadata: string; title: { text: string } };
  expect(view.title.text).toBe('Démarrer un incident');
  const submit = {
    type: 'view_submission', team: { id: 'T1' }, user: { id: 'U5', name: 'u5', team_id: 'T1' }, api_app_id: 'A1', token: 'x',
    view: { id: 'V2', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { incident: { text: { type: 'plain_text_input', value: 'Serveur de fichiers' } } } } },
  };
  await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(submit))}`, FORM);
  const header = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'COFFER' && !c.body.thread_ts && textOf(c).includes('Serveur de fichiers'));
  expect(textOf(header)).toMatch(/Incident \d+ · Serveur de fichiers/);
  const draft = await fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U5' && textOf(c).includes('Premier avis à publier'));
  expect(textOf(draft)).toContain('Serveur de fichiers');
});

// Draft reviews in Slack over real signed HTTP on 127.0.0.1 with the fake Web API: the message shortcut
// opens the review in a modal (views.open with the trigger_id), the global shortcut opens the paste modal
// and its submission updates it with the review; `/coach review` answers ephemerally. The server's logs
// (at debug level) and its data file never contain a draft.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, slashBody } from '../slack/fake-slack.js';

let fake: FakeSlack;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let events: string;
const logs: string[] = [];
const FORM = 'application/x-www-form-urlencoded';
const SECRET = 'Gisèle Archambault-Tremblay';

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-review-'));
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'),
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config);
  const destination = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  server = await serve(result.config, coach, createLogger({ level: 'debug', destination }));
  events = `http://127.0.0.1:${server.address.port}/slack/events`;
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  // Privacy: no log line and no file the coach wrote holds a draft.
  expect(logs.join('')).not.toContain(SECRET);
  expect(logs.join('')).not.toContain('Archambault');
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try { expect(readFileSync(path, 'utf8')).not.toContain('Archambault'); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw err; }
  }
  rmSync(dir, { recursive: true, force: true });
});

const payload = (body: object) => `payload=${encodeURIComponent(JSON.stringify(body))}`;
const viewText = (view: unknown) => JSON.stringify(view);
let trigger = 0;

const messageShortcut = (text: string, user = 'U1') => ({
  type: 'message_action', callback_id: 'coach_review_message', trigger_id: `trig-msg-${++trigger}`, team: { id: 'T1', domain: 'acme' },
  user: { id: user, username: user.toLowerCase(), team_id: 'T1' }, channel: { id: 'C1', name: 'support' },
  message: { type: 'message', user: 'U9', ts: '1700000000.000200', text }, message_ts: '1700000000.000200',
  response_url: `${fake.url}/respond/77`, api_app_id: 'A1', token: 'x',
});

test('"Review with Support Coach" on a message: the review opens in a modal for the person who asked, nothing is posted', async () => {
  const draft = `Bonjour ${SECRET},\n\nJe comprends, mais comme je vous l’ai déjà expliqué deux fois, il faut redémarrer après la mise à jour. Ce n’est pas un bogue.\n\nRedémarrez et ça va fonctionner.`;
  const shortcut = messageShortcut(draft.replace(/&/g, '&amp;'));
  const r = await postSigned(events, payload(shortcut), FORM);
  expect(r.status).toBe(200);
  const open = await fake.waitFor('views.open', (c) => c.body.trigger_id === shortcut.trigger_id);
  const view = open.body.view as { type: string; title: { text: string }; blocks: { type: string }[] };
  expect(view.type).toBe('modal');
  expect(view.title.text).toBe('Révision'); // users.info says fr-CA
  const text = viewText(view);
  expect(text).toContain('Révision de votre brouillon · Utilisateur fâché');
  expect(text).toMatch(/Note : \d+\/10/);
  expect(text).toContain('Sur la défensive : « Je comprends, mais comme je vous l’ai déjà expliqué deux fois, il faut redémarrer après la mise à jour. »');
  expect(text).toContain('Écrivez plutôt : « Je reprends les étapes ici pour que ce soit plus simple. »');
  expect(view.blocks.some((b) => b.type === 'actions')).toBe(false);
  // The review went nowhere but the modal.
  expect(fake.of('chat.postMessage')).toHaveLength(0);
  expect(fake.of('chat.postEphemeral')).toHaveLength(0);
  expect(fake.calls.filter((c) => c.method === 'response_url')).toHaveLength(0);
  const line = logs.find((l) => l.includes('"draft reviewed"') && l.includes('message-shortcut'));
  expect(line).toBeDefined();
  expect(JSON.parse(line!)).toMatchObject({ surface: 'slack', situation: 'angry-user', chars: expect.any(Number), outcome: 'review' });
});

test('on a message whose situation is unclear, the modal asks for it, the message prefilled; its submission updates the modal with the review', async () => {
  const shortcut = messageShortcut(`Ok ${SECRET}.`, 'UEN');
  await postSigned(events, payload(shortcut), FORM);
  const open = await fake.waitFor('views.open', (c) => c.body.trigger_id === shortcut.trigger_id);
  const view = open.body.view as { callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id?: string; element?: { initial_value?: string; options?: { value: string }[] } }[] };
  expect(view.callback_id).toBe('coach:review');
  expect(view.title.text).toBe('Review'); // users.info says en-US
  expect(viewText(view)).toContain('Choose the situation this draft answers.');
  expect(view.blocks.find((b) => b.block_id === 'draft')!.element!.initial_value).toBe(`Ok ${SECRET}.`);
  expect(view.blocks.find((b) => b.block_id === 'situation')!.element!.options!.map((o) => o.value).sort()).toEqual(['angry-user', 'change-refused', 'outage', 'ticket-flood']);
  const submit = {
    type: 'view_submission', team: { id: 'T1' }, user: { id: 'UEN', name: 'uen', team_id: 'T1' }, api_app_id: 'A1', token: 'x', trigger_id: 't',
    view: {
      id: 'V2', callback_id: view.callback_id, private_metadata: view.private_metadata,
      state: { values: { draft: { text: { type: 'plain_text_input', value: `Hi ${SECRET}, we've received your request about the printer. We'll fix it by 2 pm.` } }, situation: { choice: { type: 'static_select', selected_option: { value: 'ticket-flood' } } } } },
    },
  };
  const r = await postSigned(events, payload(submit), FORM);
  expect(r.status).toBe(200);
  const ack = JSON.parse(r.text) as { response_action: string; view: unknown };
  expect(ack.response_action).toBe('update');
  expect(viewText(ack.view)).toContain('Review of your draft · Too many tickets at once');
  expect(viewText(ack.view)).toContain('Score: 10/10');
});

test('the global shortcut opens the paste modal; "guess for me" on a vague draft asks for the situation; an empty draft is refused in the form', async () => {
  const shortcut = { type: 'shortcut', callback_id: 'coach_review_draft', trigger_id: 'trig-global', team: { id: 'T1', domain: 'acme' }, user: { id: 'U1', username: 'u1', team_id: 'T1' }, api_app_id: 'A1', token: 'x' };
  expect((await postSigned(events, payload(shortcut), FORM)).status).toBe(200);
  const open = await fake.waitFor('views.open', (c) => c.body.trigger_id === 'trig-global');
  const view = open.body.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string; element?: { initial_option?: { value: string } } }[] };
  expect(view.callback_id).toBe('coach:review');
  expect(view.blocks.find((b) => b.block_id === 'situation')!.element!.initial_option!.value).toBe('auto');
  const submit = (draft: string, situation: string) => payload({
    type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1', name: 'u1', team_id: 'T1' }, api_app_id: 'A1', token: 'x', trigger_id: 't',
    view: { id: 'V3', callback_id: 'coach:review', private_metadata: view.private_metadata, state: { values: { draft: { text: { type: 'plain_text_input', value: draft } }, situation: { choice: { type: 'static_select', selected_option: { value: situation } } } } } },
  });
  const vague = JSON.parse((await postSigned(events, submit(`Ok ${SECRET}.`, 'auto'), FORM)).text);
  expect(vague).toEqual({ response_action: 'errors', errors: { situation: 'Choisissez la situation à laquelle ce brouillon répond.' } });
  const empty = JSON.parse((await postSigned(events, submit('  !!! ', 'outage'), FORM)).text);
  expect(empty.response_action).toBe('errors');
  expect(empty.errors.draft).toContain('Je ne trouve pas de texte à réviser');
  const guessed = JSON.parse((await postSigned(events, submit(`Bonjour à tous, ${SECRET} nous signale que le VPN est coupé depuis 8 h. Nous sommes désolés. Prochaine mise à jour à 10 h.`, 'auto'), FORM)).text);
  expect(guessed.response_action).toBe('update');
  expect(viewText(guessed.view)).toContain('Révision de votre brouillon · Panne d’un serveur ou d’un service');
});

test('/coach review answers privately (ephemeral, through the response_url), with the review', async () => {
  const body = slashBody(fake, { command: '/coach', text: `review --situation change-refused Non ${SECRET}.`, id: 501 });
  expect((await postSigned(events, body, FORM)).status).toBe(200);
  const reply = await fake.response(501);
  expect(reply.body.response_type).toBe('ephemeral');
  expect(JSON.stringify(reply.body.blocks)).toContain('Refus sec');
  expect(fake.of('chat.postMessage')).toHaveLength(0);
});

test('the manifest declares both shortcuts with the callback ids the app handles', () => {
  const { parse } = require('yaml') as typeof import('yaml');
  const manifest = parse(readFileSync(join(root, 'slack/manifest.yaml'), 'utf8'));
  expect(manifest.features.shortcuts).toEqual([
    expect.objectContaining({ name: 'Review with Support Coach', type: 'message', callback_id: 'coach_review_message' }),
    expect.objectContaining({ type: 'global', callback_id: 'coach_review_draft' }),
  ]);
  for (const s of manifest.features.shortcuts) expect(s.description.length).toBeLessThanOrEqual(150);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
});

// Draft reviews in Teams over real HTTP on 127.0.0.1 (anonymous Emulator mode, a fake connector as the
// serviceUrl): the message extension's invokes (composeExtension/fetchTask on a message, submitAction from
// its form) are answered in the invoke's HTTP response with a task module; `coach review` in a channel goes
// to the person's 1:1 chat. Nothing is sent to the conversation, and no log line holds the draft.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { htmlToText } from '../../src/adapters/teams/message-extension.js';
import { root } from '../helpers.js';
import { FakeConnector, activityText } from '../teams/fake-connector.js';

let fake: FakeConnector;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let endpoint: string;
const logs: string[] = [];
const TENANT = 'tenant-r';
const BOT = { id: '28:coach-bot', name: 'Support Coach' };
const USER = { id: '29:user-r', aadObjectId: 'aad-user-r', name: 'Rita' };
const SECRET = 'Bartholomew Quenneville';

beforeAll(async () => {
  fake = new FakeConnector();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-review-'));
  const result = loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content') });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config);
  const destination = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  server = await serve(result.config, coach, createLogger({ level: 'debug', destination }));
  endpoint = `http://127.0.0.1:${server.address.port}/api/messages`;
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  expect(logs.join('')).not.toContain('Quenneville');
  expect(readFileSync(join(dir, 'coach.json'), 'utf8')).not.toContain('Quenneville');
  rmSync(dir, { recursive: true, force: true });
});

let nextId = 1;
function invoke(name: string, value: Record<string, unknown>, locale = 'en-US'): Record<string, unknown> {
  return {
    type: 'invoke', name, id: `inv-${nextId++}`, channelId: 'msteams', serviceUrl: fake.url, locale, value,
    from: USER, recipient: BOT,
    conversation: { id: '19:support@thread.tacv2;messageid=42', conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, channel: { id: '19:support@thread.tacv2', name: 'support' }, source: { name: 'message' } },
  };
}

async function post(body: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

const cardText = (card: unknown) => JSON.stringify(card);

test('"Review with Support Coach" on a message: the task module shows the review; nothing is posted anywhere', async () => {
  const before = fake.calls.length;
  const html = `<p>Hi ${SECRET},</p><p>I understand how frustrating it is to lose your morning&#39;s work, and I&#39;m sorry. But as I explained twice already, you need to restart after the update. This is not a bug.</p><p>Have a good day</p>`;
  const r = await post(invoke('composeExtension/fetchTask', {
    commandId: 'reviewMessage', commandContext: 'message',
    messagePayload: { id: '42', body: { contentType: 'html', content: html }, from: { user: { id: 'aad-other', displayName: 'Other' } } },
  }));
  expect(r.status).toBe(200);
  expect(r.json.task.type).toBe('continue');
  const value = r.json.task.value;
  expect(value.title).toBe('Draft review');
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const text = cardText(value.card.content);
  expect(text).toContain('Review of your draft · Angry user');
  expect(text).toMatch(/Score: \d+\/10/);
  expect(text).toContain('Defensive: “But as I explained twice already, you need to restart after the update.”');
  expect(text).toContain('Write instead: “Let me go through the steps again here to make it easier.”');
  expect(fake.calls.length).toBe(before);
  const line = logs.find((l) => l.includes('"draft reviewed"') && l.includes('"surface":"teams"'));
  expect(JSON.parse(line!)).toMatchObject({ via: 'message-extension', situation: 'angry-user', outcome: 'review' });
});

test('an unclear situation: a form with the message prefilled and the situations; its submit answers with the review, in French for a French locale', async () => {
  const r = await post(invoke('composeExtension/fetchTask', { commandId: 'reviewMessage', messagePayload: { body: { contentType: 'text', content: `Ok ${SECRET}.` } } }, 'fr-CA'));
  const card = r.json.task.value.card.content;
  expect(cardText(card)).toContain('Choisissez la situation à laquelle ce brouillon répond.');
  const draftInput = card.body.find((b: { id?: string }) => b.id === 'draft');
  expect(draftInput.value).toBe(`Ok ${SECRET}.`);
  const choices = card.body.find((b: { id?: string }) => b.id === 'situation').choices.map((c: { value: string }) => c.value);
  expect([...choices].sort()).toEqual(['angry-user', 'change-refused', 'outage', 'ticket-flood']);
  const submitted = await post(invoke('composeExtension/submitAction', {
    commandId: 'reviewMessage', data: { draft: `Bonjour ${SECRET}, nous avons bien reçu votre demande pour l’imprimante. Nous nous en occupons d’ici 14 h.`, situation: 'ticket-flood' },
  }, 'fr-CA'));
  expect(submitted.status).toBe(200);
  const review = cardText(submitted.json.task.value.card.content);
  expect(review).toContain('Révision de votre brouillon · Trop de tickets arrivent en même temps');
  expect(review).toContain('Note : 10/10');
});

test('"Review a reply draft" from the compose box opens the form with "guess for me"; an empty submit asks for the draft', async () => {
  const r = await post(invoke('composeExtension/fetchTask', { commandId: 'reviewDraft', commandContext: 'compose' }));
  const card = r.json.task.value.card.content;
  const situation = card.body.find((b: { id?: string }) => b.id === 'situation');
  expect(situation.value).toBe('auto');
  expect(card.actions[0].type).toBe('Action.Submit');
  const empty = await post(invoke('composeExtension/submitAction', { commandId: 'reviewDraft', data: { draft: '  ', situation: 'auto' } }));
  expect(cardText(empty.json.task.value.card.content)).toContain('Paste the draft to review.');
});

test('coach review in a channel: the review goes to the person’s 1:1 chat, the channel only gets a notice', async () => {
  const activity = {
    type: 'message', id: `m-${nextId++}`, channelId: 'msteams', serviceUrl: fake.url, locale: 'en-US', from: USER, recipient: BOT,
    conversation: { id: '19:support@thread.tacv2;messageid=77', conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, channel: { id: '19:support@thread.tacv2', name: 'support' } },
    text: `<at>${BOT.name}</at> coach review --situation change-refused No ${SECRET}.`,
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
  };
  const before = fake.calls.length;
  expect((await post(activity)).status).toBe(200);
  const calls = fake.calls.slice(before);
  const privately = calls.filter((c) => c.conversation === FakeConnector.personalId(USER.id));
  expect(privately.map((c) => activityText(c.body)).join('\n')).toContain('Curt refusal');
  const inChannel = calls.filter((c) => c.conversation.startsWith('19:support@thread.tacv2'));
  expect(inChannel).toHaveLength(1);
  expect(activityText(inChannel[0]!.body)).toBe('I replied to you privately.');
});

test('a situation button of a review card carries a long draft back whole (up to the 2,000 characters every surface allows)', async () => {
  const draft = `Bonjour à tous, ${SECRET} nous signale que le VPN est coupé depuis 8 h. ${'Nous travaillons avec le fournisseur pour rétablir le service. '.repeat(10)}Prochaine mise à jour à 10 h.`;
  expect(draft.length).toBeGreaterThan(600);
  const activity = {
    type: 'message', id: `m-${nextId++}`, channelId: 'msteams', serviceUrl: fake.url, locale: 'fr-CA', from: USER, recipient: BOT,
    conversation: { id: 'a:personal-review', conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } },
    value: { coach: `/coach review --situation outage ${draft}`, lang: 'fr' },
  };
  const before = fake.calls.length;
  expect((await post(activity)).status).toBe(200);
  const replies = fake.calls.slice(before).filter((c) => c.conversation === 'a:personal-review');
  expect(replies.map((c) => activityText(c.body)).join('\n')).toContain('Révision de votre brouillon · Panne d’un serveur ou d’un service');
});

test('Teams message HTML becomes the text the person wrote', () => {
  expect(htmlToText('<div><p>Hi Ana,</p><p>Sorry &amp; thanks&nbsp;for waiting.<br>Back at 2&#58;30.</p></div>')).toBe('Hi Ana,\nSorry & thanks for waiting.\nBack at 2:30.');
});

test('the Teams manifest declares the action message extension on messages and in the compose box', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'teams/manifest.json'), 'utf8'));
  const [extension] = manifest.composeExtensions;
  expect(extension.botId).toBe('{{MICROSOFT_APP_ID}}');
  expect(extension.commands).toEqual([
    expect.objectContaining({ id: 'reviewMessage', type: 'action', title: 'Review with Support Coach', context: ['message'], fetchTask: true }),
    expect.objectContaining({ id: 'reviewDraft', type: 'action', context: ['compose', 'commandBox'], fetchTask: true }),
  ]);
});

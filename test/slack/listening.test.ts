// Channel listening in Slack, over signed HTTP: every message a person writes is considered (with a
// screenshot, sent to the channel from a thread, /me), nothing else is (bots, edits, deletions, joins,
// topics, pins, subtypes Slack adds later), and a failed offer does not mute the playbook.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/logger.js';
import { isSpokenMessage } from '../../src/adapters/slack/listeners/messages.js';
import { blocksText, startSlackCoach, type SlackHarness } from './slack-harness.js';

let h: SlackHarness;
const logs: string[] = [];

beforeAll(async () => {
  const destination = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  h = await startSlackCoach({}, { logger: createLogger({ level: 'warn', destination }) });
});
afterAll(() => h.stop());

const SITUATION = 'le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents';
let tsCounter = 1;
const message = (channel: string, extra: Record<string, unknown> = {}) => ({
  type: 'message', channel, user: 'U5', text: SITUATION, ts: `1700000${tsCounter++}.000100`, channel_type: 'channel', ...extra,
});
const offersIn = (channel: string) => h.fake.of('chat.postMessage').filter((c) => c.body.channel === channel);

test('a message with a screenshot (file_share) gets an offer in its thread', async () => {
  const event = message('CFILE', { subtype: 'file_share', upload: true, files: [{ id: 'F1', name: 'capture.png', mimetype: 'image/png' }] });
  expect(await h.event(event)).toBe(200);
  const offer = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CFILE');
  expect(offer.body.thread_ts).toBe(event.ts);
  expect(blocksText(offer.body)).toContain('Panne');
});

test('a thread reply also sent to the channel (thread_broadcast) gets an offer in that thread', async () => {
  await h.event(message('CBCAST', { subtype: 'thread_broadcast', thread_ts: '1699999999.000100', root: { ts: '1699999999.000100', user: 'U6', text: 'quoi de neuf?' } }));
  const offer = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CBCAST');
  expect(offer.body.thread_ts).toBe('1699999999.000100');
});

test('a /me message is a person speaking too', async () => {
  await h.event(message('CME', { subtype: 'me_message' }));
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CME');
});

test('what is not a person speaking gets nothing: bots, edits, deletions, joins, topics, pins, unknown subtypes', async () => {
  const ignored = [
    message('CIGN', { subtype: 'bot_message', bot_id: 'B9', user: undefined, username: 'alerts' }),
    message('CIGN', { bot_id: 'B9' }), // a bot posting without a subtype
    message('CIGN', { subtype: 'message_changed', hidden: true, user: undefined, text: undefined, message: { user: 'U5', text: SITUATION, ts: '1.1' } }),
    message('CIGN', { subtype: 'message_deleted', hidden: true, user: undefined, text: undefined, previous_message: { user: 'U5', text: SITUATION } }),
    message('CIGN', { subtype: 'channel_join', text: `<@U5> a rejoint le canal. ${SITUATION}` }),
    message('CIGN', { subtype: 'channel_topic', topic: SITUATION, text: `<@U5> a défini le sujet : ${SITUATION}` }),
    message('CIGN', { subtype: 'channel_purpose', purpose: SITUATION, text: `<@U5> a défini l’objet : ${SITUATION}` }),
    message('CIGN', { subtype: 'channel_name', text: `<@U5> a renommé le canal : ${SITUATION}` }),
    message('CIGN', { subtype: 'pinned_item', text: `<@U5> a épinglé un message : ${SITUATION}` }),
    message('CIGN', { subtype: 'huddle_thread' }), // a subtype Slack added later: not speech until decided
    message('CIGN', { user: 'UBOT' }), // the coach itself
    message('CIGN', { channel_type: 'im' }),
  ];
  for (const event of ignored) expect(await h.event(event)).toBe(200);
  // Then a person's message in the same channel: the only offer there is for it.
  const real = message('CIGN');
  await h.event(real);
  const offer = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CIGN');
  expect(offer.body.thread_ts).toBe(real.ts);
  expect(offersIn('CIGN')).toHaveLength(1);
});

test('the decision itself, subtype by subtype', () => {
  const base = { user: 'U5', text: SITUATION, channel: 'C1', ts: '1.1', channel_type: 'channel' };
  for (const subtype of [undefined, 'file_share', 'thread_broadcast', 'me_message']) expect(isSpokenMessage({ ...base, subtype }, 'UBOT')).toBe(true);
  for (const subtype of ['bot_message', 'message_changed', 'message_deleted', 'message_replied', 'channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'pinned_item', 'unpinned_item', 'group_join', 'reminder_add', 'slackbot_response', 'ekm_access_denied', 'huddle_thread']) {
    expect(isSpokenMessage({ ...base, subtype }, 'UBOT')).toBe(false);
  }
  expect(isSpokenMessage({ ...base, text: '   ' }, 'UBOT')).toBe(false); // a screenshot alone: nothing to read
  expect(isSpokenMessage({ ...base, hidden: true }, 'UBOT')).toBe(false);
  expect(isSpokenMessage({ ...base, channel_type: 'mpim' }, 'UBOT')).toBe(false);
});

test('Slack refuses the offer (not_in_channel): nothing is muted, the next message gets it', async () => {
  const channel = 'CFAIL';
  h.fake.failures.set('chat.postMessage', ['not_in_channel']);
  await h.event(message(channel));
  await h.fake.waitFor('chat.postMessage:not_in_channel', (c) => c.body.channel === channel);
  const next = message(channel, { text: 'encore : le serveur de fichiers est tombé, personne peut travailler' });
  await h.event(next);
  expect((await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel)).body.thread_ts).toBe(next.ts);
  // Once posted, the 30 minutes run: a third message gets nothing (checked after a later offer elsewhere).
  await h.event(message(channel));
  await h.event(message('CFAIL-after'));
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CFAIL-after');
  expect(offersIn(channel)).toHaveLength(1);
  expect(logs.join('')).toContain('the playbook offer could not be posted');
  expect(logs.join('')).toContain('not_in_channel');
  expect(logs.join('')).not.toContain('xoxb-test-token');
});

test('the Web API fails (500) then succeeds: the client retries, one offer, for the first message', async () => {
  const channel = 'CRETRY';
  h.fake.failures.set('chat.postMessage', [500]);
  const first = message(channel);
  await h.event(first);
  await h.event(message(channel)); // while the first offer is being retried: held, not doubled
  const offer = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
  expect(offer.body.thread_ts).toBe(first.ts);
  expect(h.fake.calls.some((c) => c.method === 'chat.postMessage:500' && c.body.channel === channel)).toBe(true);
  await h.event(message(channel));
  await h.event(message('CRETRY-after'));
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CRETRY-after');
  expect(offersIn(channel)).toHaveLength(1);
});

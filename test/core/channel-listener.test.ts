// Channel listening's cool-down: it starts only once an offer is posted. A failed post (Slack or Teams
// refusing, the network down) leaves the playbook free to be offered at the next message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig } from '../../src/config.js';
import { ChannelListener } from '../../src/core/channel-listener.js';
import type { Message } from '../../src/core/message.js';
import { ManualClock } from '../../src/domain/time.js';
import { ask, root } from '../helpers.js';

let dir: string;
let coach: OpenCoach;
const clock = new ManualClock(new Date('2100-03-01T15:00:00Z'));
let listener: ChannelListener;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-listen-'));
  const config = loadConfig({ COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content') });
  if (!config.ok) throw new Error(config.errors.join());
  coach = await openCoach(config.config, { clock });
});
afterAll(async () => {
  await coach.store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  // The cool-down lives in the store: each test starts an hour after the last one's offers.
  clock.set(new Date(clock.now().getTime() + 60 * 60_000));
  listener = new ChannelListener(coach.library, coach.router, coach.port, 'fr', () => clock.now().getTime());
});

const outage = (channel = 'C1') => ask('le serveur de fichiers est tombé ce matin, personne peut ouvrir ses documents', { channel });
const MINUTE = 60_000;
const posted: Message[] = [];
const ok = async (m: Message) => void posted.push(m);
const refused = async () => { throw Object.assign(new Error('An API error occurred: not_in_channel'), { data: { error: 'not_in_channel' } }); };

test('a failed post rethrows and does not start the cool-down; the next message gets the offer', async () => {
  await expect(listener.offer(outage(), refused)).rejects.toThrow('not_in_channel');
  await expect(listener.offer(outage(), refused)).rejects.toThrow('not_in_channel');
  posted.length = 0;
  expect(await listener.offer(outage(), ok)).toBe(true);
  expect(posted).toHaveLength(1);
  expect(await listener.offer(outage(), ok)).toBe(false);
});

test('the cool-down is 30 minutes from the posted offer, per channel and playbook', async () => {
  expect(await listener.offer(outage(), ok)).toBe(true);
  expect(await listener.offer(outage('C2'), ok)).toBe(true); // another channel
  clock.set(new Date(clock.now().getTime() + 29 * MINUTE));
  expect(await listener.offer(outage(), ok)).toBe(false);
  clock.set(new Date(clock.now().getTime() + MINUTE));
  expect(await listener.offer(outage(), ok)).toBe(true);
});

test('a failure after the cool-down ran out puts back the earlier offer’s time, not a new one', async () => {
  expect(await listener.offer(outage(), ok)).toBe(true);
  clock.set(new Date(clock.now().getTime() + 31 * MINUTE));
  await expect(listener.offer(outage(), refused)).rejects.toThrow();
  expect(await listener.offer(outage(), ok)).toBe(true);
});

test('two messages at once: one offer while the first is being posted; if that post fails, a later one goes out', async () => {
  let fail!: (err: Error) => void;
  let started!: () => void;
  const posting = new Promise<void>((resolve) => { started = resolve; });
  const slow = () => new Promise<void>((_, reject) => { fail = reject; started(); });
  const first = listener.offer(outage(), slow);
  await posting; // the cool-down is claimed in the store before the post starts
  expect(await listener.offer(outage(), ok)).toBe(false); // held while the first is posted
  fail(new Error('timeout'));
  await expect(first).rejects.toThrow('timeout');
  expect(await listener.offer(outage(), ok)).toBe(true);
});

test('nothing to offer: no post at all', async () => {
  let calls = 0;
  expect(await listener.offer(ask('bon matin la gang, qui vient dîner?'), async () => void calls++)).toBe(false);
  expect(calls).toBe(0);
});

test('two replicas share the cool-down: one offer for a message seen by both, and none from the other within 30 minutes', async () => {
  const other = new ChannelListener(coach.library, coach.router, coach.port, 'fr', () => clock.now().getTime());
  const both = await Promise.all([listener.offer(outage('C7'), ok), other.offer(outage('C7'), ok)]);
  expect(both.filter(Boolean)).toHaveLength(1);
  clock.set(new Date(clock.now().getTime() + 20 * MINUTE));
  expect(await other.offer(outage('C7'), ok)).toBe(false);
  expect(await listener.offer(outage('C7'), ok)).toBe(false);
  clock.set(new Date(clock.now().getTime() + 11 * MINUTE));
  expect(await other.offer(outage('C7'), ok)).toBe(true);
});

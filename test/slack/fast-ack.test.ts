// Slash commands over real signed HTTP on 127.0.0.1: acknowledged by our receiver before any of the work,
// answered after it, exactly once, in each person's language, escaped; a stop waits for acknowledged commands.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/logger.js';
import { openCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { loadConfig } from '../../src/config.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, SIGNING_SECRET, slashBody } from './fake-slack.js';

const FORM = 'application/x-www-form-urlencoded';
let fake: FakeSlack;
let dir: string;
let server: RunningServer;
let stopped = false;
let events: string;
const logs: string[] = [];

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-fast-'));
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'),
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const coach = await openCoach(result.config);
  const destination = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  server = await serve(result.config, coach, createLogger({ level: 'warn', destination }));
  events = `http://127.0.0.1:${server.address.port}/slack/events`;
});

afterAll(async () => {
  if (!stopped) await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const command = (id: number, user: string, text = 'outage', name = '/playbook') =>
  postSigned(events, slashBody(fake, { command: name, text, id, user }), FORM);
const repliesTo = (id: number) => fake.calls.filter((c) => c.path === `/respond/${id}`);
const blocksText = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? body.text ?? '');
/** A promise the test settles itself, to hold one of the fake's answers. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

test('100 concurrent /playbook commands: each acknowledged with an empty 200, each answered exactly once in its person’s language', async () => {
  const ids = Array.from({ length: 100 }, (_, i) => 5000 + i);
  const user = (id: number) => (id % 2 ? `UEN${id % 7}` : `UFR${id % 7}`);
  const acks = await Promise.all(ids.map((id) => command(id, user(id))));
  for (const ack of acks) expect([ack.status, ack.text]).toEqual([200, '']);
  const replies = await Promise.all(ids.map((id) => fake.response(id)));
  replies.forEach((reply, i) => {
    expect(reply.body.response_type).toBe('ephemeral');
    expect(blocksText(reply.body)).toContain(ids[i]! % 2 ? 'Server or service outage' : 'Panne d’un serveur ou d’un service');
  });
  // Anything sent twice would have arrived by the time a last, later command is answered.
  await command(5100, 'UFR1');
  await fake.response(5100);
  for (const id of ids) expect(repliesTo(id)).toHaveLength(1);
  expect(fake.of('chat.postEphemeral')).toHaveLength(0);
});

test('the acknowledgement does not wait for the work: while the Web API holds users.info, the command is acknowledged; the answer follows once it lets go', async () => {
  const held = gate();
  fake.holds.set('users.info', held.promise);
  try {
    const ack = await command(5200, 'UENHELD');
    expect(ack.status).toBe(200);
    await fake.waitFor('users.info', (c) => c.body.user === 'UENHELD');
    expect(repliesTo(5200)).toHaveLength(0);
    held.open();
    expect(blocksText((await fake.response(5200)).body)).toContain('Server or service outage');
  } finally {
    fake.holds.delete('users.info');
    held.open();
  }
});

test('user text is escaped in the answer: nobody can make the coach ping @channel or forge a link', async () => {
  await Promise.all([command(5300, 'UFR2', '<!channel>', '/coach'), command(5301, 'UFR2', '<https://evil.example|cliquez>', '/coach')]);
  // Slack's sequences are decoded on arrival and the echo escaped again: @channel is shown, never notified.
  const ping = blocksText((await fake.response(5300)).body);
  expect(ping).toContain('/coach @\u2060channel');
  expect(ping).not.toContain('<!channel>');
  const link = blocksText((await fake.response(5301)).body);
  expect(link).toContain('cliquez');
  expect(link).not.toContain('<https://evil.example');
  expect(link).not.toMatch(/<[^>]*evil/);
});

test('a reply the response_url refuses is logged without secrets, and the next command is still answered', async () => {
  fake.rateLimit.set('response_url', 1);
  expect((await command(5400, 'UFR3')).status).toBe(200);
  await fake.waitFor('response_url:429', (c) => c.path === '/respond/5400');
  const next = await command(5401, 'UFR3');
  expect(next.status).toBe(200);
  expect(blocksText((await fake.response(5401)).body)).toContain('Panne');
  // The refused reply is logged (its route and error only) and delivered another way.
  const failure = logs.find((line) => line.includes('a private reply could not be delivered this way'));
  expect(failure).toContain('response_url answered 429');
  expect(failure).toContain('"route":"response_url"');
  expect(logs.join('')).not.toContain(SIGNING_SECRET);
  expect(logs.join('')).not.toContain('xoxb-test-token');
});

test('unsigned or badly signed commands are refused before any work', async () => {
  const body = slashBody(fake, { command: '/playbook', text: 'outage', id: 5500 });
  expect((await postSigned(events, body, FORM, undefined, 'ffffffffffffffffffffffffffffffff')).status).toBe(401);
  expect((await fetch(events, { method: 'POST', body, headers: { 'content-type': FORM } })).status).toBe(401);
  await command(5501, 'UFR4');
  await fake.response(5501);
  expect(repliesTo(5500)).toHaveLength(0);
});

test('stopping waits for the commands already acknowledged to be answered', async () => {
  const held = gate();
  fake.holds.set('users.info', held.promise);
  try {
    expect((await command(5600, 'UFRSTOP')).status).toBe(200);
    await fake.waitFor('users.info', (c) => c.body.user === 'UFRSTOP');
    let done = false;
    const stopping = server.stop().then(() => (done = true));
    stopped = true;
    // Everything else a stop does takes a few milliseconds: it is still waiting for the held command.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(done).toBe(false);
    held.open();
    await stopping;
    expect(repliesTo(5600)).toHaveLength(1);
  } finally {
    held.open();
    fake.holds.delete('users.info');
  }
});

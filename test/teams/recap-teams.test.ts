// The weekly recap in Teams (issue 14), through activities over real HTTP (anonymous Emulator mode, a fake
// connector): the scheduler posts it in the channel at 16:00 on Friday as a card whose Image element points
// at the coach's own server, under an unguessable address that serves the PNG, then refuses it once expired.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { CHART_TTL_MS } from '../../src/server/chart-images.js';
import { CHART_PNG_HEIGHT, CHART_PNG_WIDTH } from '../../src/render/recap-chart.js';
import { root } from '../helpers.js';
import { FakeConnector, activityText, cardOf, type ConnectorCall } from './fake-connector.js';

let fake: FakeConnector;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let endpoint: string;
const clock = new ManualClock(new Date('2100-03-01T15:00:00Z')); // Monday 10:00 in Toronto
const BASE = 'https://coach.example.org';
const TENANT = 'tenant-r';
const BOT = { id: '28:coach-bot', name: 'Support Coach' };
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };
const SAM = { id: '29:samroy', aadObjectId: 'aad-samroy', name: 'Sam Roy' };
const CHANNEL = '19:recap@thread.tacv2';

beforeAll(async () => {
  fake = new FakeConnector();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-recap-'));
  const result = loadConfig({
    TEAMS_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_BASE_URL: BASE,
    COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: ADMIN.aadObjectId, COACH_HOLIDAYS: 'none',
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock });
  server = await serve(result.config, coach, silentLogger);
  endpoint = `http://127.0.0.1:${server.address.port}/api/messages`;
  for (const p of [SAM, ADMIN]) fake.members.set(p.id, { id: p.id, name: p.name, aadObjectId: p.aadObjectId });
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

let nextId = 1;
function activity(text: string | undefined, o: { from?: Record<string, unknown>; value?: unknown } = {}): Record<string, unknown> {
  const id = `m-${nextId++}`;
  const botMention = { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT };
  return {
    type: 'message', id, channelId: 'msteams', serviceUrl: fake.url, locale: 'fr-CA', from: o.from ?? ADMIN, recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL, name: 'support' }, team: { id: '19:team@thread.tacv2', name: 'Équipe TI' } },
    ...(text !== undefined ? { text: `${botMention.text} ${text}` } : {}),
    entities: text !== undefined ? [botMention] : [],
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

async function say(a: Record<string, unknown>): Promise<ConnectorCall[]> {
  const before = fake.calls.length;
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
  expect(res.status).toBe(200);
  return fake.calls.slice(before);
}

/** The card posted in the channel that holds the recap, and its Image element. */
function recapCard(calls: ConnectorCall[]) {
  const call = calls.find((c) => c.kind === 'send' && c.conversation === CHANNEL && /Bilan de la semaine/.test(activityText(c.body)));
  const image = call && cardOf(call.body).body.find((e) => e.type === 'Image') as { url: string; altText: string } | undefined;
  return { call, image };
}

/** GETs a chart address on the coach's own server (the card's address names the public host). */
const getChart = (url: string) => fetch(`http://127.0.0.1:${server.address.port}${new URL(url).pathname}`);

test('the recap card shows the chart from the coach’s server; the address is refused once expired', async () => {
  await say(activity('coach schedule on'));
  const posted = (await say(activity('coach post'))).find((c) => c.kind === 'send' && c.conversation === CHANNEL)!;
  const submit = cardOf(posted.body).actions!.find((a) => a.type === 'Action.Submit')!;
  await say(activity(undefined, { from: SAM, value: submit.data }));

  const before = fake.calls.length;
  clock.set(new Date('2100-03-05T21:00:00Z')); // Friday 16:00 in Toronto
  await server.tick();
  const { call, image } = recapCard(fake.calls.slice(before));
  expect(call).toBeDefined();
  const text = activityText(call!.body);
  expect(text).toContain('1 sur 2 : Sam Roy');
  expect(text).not.toContain('aad-samroy');
  expect(image!.url).toMatch(/^https:\/\/coach\.example\.org\/charts\/[A-Za-z0-9_-]{43}\.png$/);
  expect(image!.altText).toMatch(/^Graphique de la participation et du score moyen par jour de défi/);

  const res = await getChart(image!.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  const png = Buffer.from(await res.arrayBuffer());
  expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_PNG_WIDTH, CHART_PNG_HEIGHT]);
  // Only the token's hash names the files: the folder does not hold the address.
  const token = new URL(image!.url).pathname.slice('/charts/'.length, -'.png'.length);
  expect(readdirSync(join(dir, 'charts')).join(' ')).not.toContain(token);
  // A guessed or altered address is refused like any unknown one.
  expect((await getChart(image!.url.replace(/.(?=\.png$)/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404);

  // An admin's `coach recap` posts it now, with a chart of its own address.
  const now = recapCard(await say(activity('coach recap')));
  expect(now.image!.url).not.toBe(image!.url);
  expect((await getChart(now.image!.url)).status).toBe(200);

  // Past its lifetime the address is refused, and the chart is deleted.
  clock.set(new Date(clock.now().getTime() + CHART_TTL_MS + 1));
  expect((await getChart(image!.url)).status).toBe(404);
  expect((await getChart(now.image!.url)).status).toBe(404);
  expect(readdirSync(join(dir, 'charts'))).toEqual([]);
});

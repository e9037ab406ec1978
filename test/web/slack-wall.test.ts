// The wall and the playbook links from Slack, over real signed HTTP on 127.0.0.1 with the fake Web API:
// the same server answers Slack and serves the pages; the address is given privately and never logged,
// even with every debug line on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/logger.js';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, slashBody } from '../slack/fake-slack.js';

const BASE = 'https://coach.example.org';
const FORM = 'application/x-www-form-urlencoded';
let fake: FakeSlack;
let dir: string;
let coach: OpenCoach;
let server: RunningServer;
let origin: string;
let logs = '';

beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  dir = mkdtempSync(join(tmpdir(), 'coach-slack-wall-'));
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'UADMIN',
    COACH_BASE_URL: BASE,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  coach = await openCoach(result.config, { clock: new ManualClock(new Date('2100-03-01T13:00:00Z')) });
  const logger = createLogger({ level: 'debug', destination: new Writable({ write(c, _e, done) { logs += String(c); done(); } }) });
  server = await serve(result.config, coach, logger);
  origin = `http://127.0.0.1:${server.address.port}`;
});

afterAll(async () => {
  await server.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Block = { type: string; elements?: { action_id: string; url?: string; value?: string; text: { text: string } }[] };
const buttons = (body: Record<string, unknown>) => ((body.blocks ?? []) as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

test('/coach wall in Slack: an ephemeral reply with the address as a link button; the same server shows the wall; no log holds the token', async () => {
  const refused = await postSigned(`${origin}/slack/events`, slashBody(fake, { command: '/coach', text: 'wall', user: 'U1', id: 501 }), FORM);
  expect(refused.status).toBe(200);
  expect(JSON.stringify((await fake.response(501)).body)).toContain('seuls les administrateurs du coach peuvent utiliser /coach wall');

  expect((await postSigned(`${origin}/slack/events`, slashBody(fake, { command: '/coach', text: 'wall', user: 'UADMIN', id: 502 }), FORM)).status).toBe(200);
  const reply = await fake.response(502);
  expect(reply.body.response_type).toBe('ephemeral');
  const [link] = buttons(reply.body);
  expect(link!.action_id).toBe('coach-link:0');
  expect(link!.url).toMatch(new RegExp(`^${BASE}/wall/[A-Za-z0-9_-]{43}$`));
  const token = link!.url!.split('/').at(-1)!;
  const page = await fetch(`${origin}/wall/${token}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Mur de l’équipe · support');

  // A click on a link button is only acknowledged: nothing is posted back.
  const before = fake.calls.length;
  const click = {
    type: 'block_actions', team: { id: 'T1' }, user: { id: 'UADMIN', name: 'admin', team_id: 'T1' }, channel: { id: 'C1' }, trigger_id: 't',
    response_url: `${fake.url}/respond/503`, actions: [{ type: 'button', action_id: 'coach-link:0', block_id: 'coach:lang:fr:0', action_ts: '1' }],
    container: { type: 'message', message_ts: '1', channel_id: 'C1' }, api_app_id: 'A1', token: 'x',
  };
  expect((await postSigned(`${origin}/slack/events`, `payload=${encodeURIComponent(JSON.stringify(click))}`, FORM)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.calls.slice(before).filter((c) => c.path === '/respond/503')).toEqual([]);

  expect(logs).toContain('"path":"/wall/[redacted]"');
  expect(logs).not.toContain(token);
});

test('/playbook outage in Slack ends with an "Open in browser" URL button to its page', async () => {
  await postSigned(`${origin}/slack/events`, slashBody(fake, { command: '/playbook', text: 'outage', id: 504 }), FORM);
  const reply = await fake.response(504);
  expect(buttons(reply.body).map((b) => [b.text.text, b.url])).toEqual([['Démarrer un incident', undefined], ['Ouvrir dans le navigateur', `${BASE}/playbooks/outage?lang=fr`]]);
  expect((await fetch(`${origin}/playbooks/outage?lang=fr`)).status).toBe(200);
});

// npm run bench:slack — 1,000 signed `/playbook outage` requests at concurrency 50, to our app and, in the
// same run, to a bare Bolt app that only acknowledges; acknowledgement times and their ratio, and memory.
// Everything on 127.0.0.1, with a fake Web API that accepts the replies. Prints figures; asserts nothing.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bolt from '@slack/bolt';
import { openCoach } from '../dist/app/open-coach.js';
import { serve } from '../dist/app/serve.js';
import { silentLogger } from '../dist/app/logger.js';
import { loadConfig } from '../dist/config.js';

const REQUESTS = 1000;
const CONCURRENCY = 50;
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const fake = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url.includes('auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'B1', team_id: 'T1' } : req.url.includes('users.info') ? { ok: true, user: { locale: 'fr-CA' } } : { ok: true, ts: '1.1' }));
  });
});
await new Promise((r) => fake.listen(0, '127.0.0.1', r));
const fakeUrl = `http://127.0.0.1:${fake.address().port}`;

function signed(body) {
  const ts = Math.floor(Date.now() / 1000);
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` };
}

async function load(url) {
  const times = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C1', channel_name: 'support', user_id: `U${i % 200}`, user_name: 'u', command: '/playbook', text: 'outage', response_url: `${fakeUrl}/respond/${i}`, trigger_id: 't', api_app_id: 'A1', token: 'x' }).toString();
      const start = performance.now();
      const res = await fetch(url, { method: 'POST', headers: signed(body), body });
      await res.arrayBuffer();
      times.push(performance.now() - start);
      if (res.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: q(0.5), p99: q(0.99), max: times.at(-1), failures, over3s: times.filter((t) => t > 3000).length };
}

// Our app, exactly as it runs.
const dir = mkdtempSync(join(tmpdir(), 'coach-bench-slack-'));
const cfg = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fakeUrl}/api/`, HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: new URL('../content', import.meta.url).pathname });
if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
const coach = await openCoach(cfg.config);
const ours = await serve(cfg.config, coach, silentLogger);
const oursUrl = `http://127.0.0.1:${ours.address.port}/slack/events`;

// A bare Bolt app that only acknowledges.
const receiver = new bolt.HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
const bare = new bolt.App({ token: 'xoxb-bench', receiver, clientOptions: { slackApiUrl: `${fakeUrl}/api/` }, logLevel: bolt.LogLevel.ERROR });
bare.command('/playbook', async ({ ack }) => { await ack(); });
const bareServer = await bare.start(0);
const bareUrl = `http://127.0.0.1:${bareServer.address().port}/slack/events`;

await load(oursUrl); // warm-up rounds for both (JIT, connection pools)
await load(bareUrl);
const a = await load(oursUrl);
const b = await load(bareUrl);
const fmt = (r) => `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, non-200 ${r.failures}, over 3 s ${r.over3s}`;
console.log(`${REQUESTS} signed /playbook outage requests, concurrency ${CONCURRENCY}, 127.0.0.1`);
console.log(`support coach: ${fmt(a)}`);
console.log(`bare Bolt ack: ${fmt(b)}`);
console.log(`p99 ratio (ours / bare): ${(a.p99 / b.p99).toFixed(2)} (target <= 1.5, and none over 3 s)`);
console.log(`process memory (RSS, both apps in this process): ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);

await ours.stop();
await bare.stop();
fake.close();
fake.closeAllConnections();
rmSync(dir, { recursive: true, force: true });

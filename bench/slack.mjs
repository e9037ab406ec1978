// npm run bench:slack — 1,000 signed `/playbook outage` requests at concurrency 50, to our app and, in the
// same run, to a bare Bolt app that only acknowledges; acknowledgement times and their ratio, and memory.
// Everything on 127.0.0.1, with a fake Web API that accepts the replies. Prints figures; asserts nothing.
import { createHmac } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REQUESTS = 1000;
const CONCURRENCY = 50;
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

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

// Each app runs in its own process, as in production: our coach (`coach serve`) and the bare Bolt app.
// Children never outlive the bench, even when it fails or is interrupted.
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
/** `ready`: a text the child prints once it serves (ours listens first, then connects to Slack). */
function startChild(args, env, ready = '') {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`did not start: ${out}`)), 20_000);
    const onData = (d) => {
      out += d;
      const m = out.match(/"port":(\d+)/);
      if (m && out.includes(ready)) { clearTimeout(timer); resolve({ child, url: `http://127.0.0.1:${m[1]}/slack/events` }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}
const rssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const fakeProc = await startChild([new URL('./fake-web-api.mjs', import.meta.url).pathname], {});
const fakeUrl = fakeProc.url.replace('/slack/events', '');
const dir = mkdtempSync(join(tmpdir(), 'coach-bench-slack-'));
const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fakeUrl}/api/`, HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), LOG_LEVEL: 'warn' };
const oursProc = await startChild([new URL('../bin/coach.js', import.meta.url).pathname, 'serve'], { ...env, LOG_LEVEL: 'info' }, 'support coach ready');
const bareProc = await startChild([new URL('./bare-bolt.mjs', import.meta.url).pathname], env);
const oursUrl = oursProc.url;
const bareUrl = bareProc.url;

await load(oursUrl); // warm-up rounds for both (JIT, connection pools, locale cache)
await load(bareUrl);
// Alternating rounds, so a passing load on this 2-core machine hits both sides alike.
const ROUNDS = 5;
const results = [];
for (let r = 0; r < ROUNDS; r++) results.push({ ours: await load(oursUrl), bare: await load(bareUrl) });
const fmt = (x) => `p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, max ${x.max.toFixed(1)} ms, non-200 ${x.failures}, over 3 s ${x.over3s}`;
console.log(`${REQUESTS} signed /playbook outage requests per round, concurrency ${CONCURRENCY}, ${ROUNDS} rounds each, 127.0.0.1, each app in its own process`);
results.forEach((r, i) => {
  console.log(`round ${i + 1}  support coach: ${fmt(r.ours)}`);
  console.log(`round ${i + 1}  bare Bolt ack: ${fmt(r.bare)}   p99 ratio ${(r.ours.p99 / r.bare.p99).toFixed(2)}`);
});
const ratios = results.map((r) => r.ours.p99 / r.bare.p99).sort((x, y) => x - y);
const worst = Math.max(...results.map((r) => r.ours.max));
console.log(`p99 ratio (ours / bare), median of ${ROUNDS} rounds: ${ratios[Math.floor(ROUNDS / 2)].toFixed(2)} (target <= 1.5); slowest acknowledgement ${worst.toFixed(0)} ms (target: none over 3 s)`);
console.log(`memory after the run (RSS): support coach ${rssMb(oursProc.child.pid).toFixed(0)} MB, bare Bolt ${rssMb(bareProc.child.pid).toFixed(0)} MB`);

for (const { child } of [oursProc, bareProc, fakeProc]) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
rmSync(dir, { recursive: true, force: true });

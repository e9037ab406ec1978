// npm run bench:slack — 1,000 signed `/playbook outage` requests at concurrency 50 against three apps, each
// in its own process, in five measured rounds after three unmeasured ones (the order rotates each round):
//   • the support coach (`coach serve`), doing all its work: every reply really goes to a live response_url;
//   • a bare Bolt app that only acknowledges (bench/bare-bolt.mjs);
//   • a raw Node server that only checks the signature and acknowledges (bench/raw-floor.mjs): the floor.
// Printed per round and as medians: acknowledgement p50/p99/max and their ratios, requests per second,
// CPU per request of each app (all threads, and its main thread), and for the coach the reply-visible
// latency (from sending the command to the reply arriving at the fake response_url) and a check that every
// reply arrived exactly once in the right language; then memory (RSS now and peak) per app.
// Everything on 127.0.0.1; prints figures, asserts nothing; no child process outlives it.
// BENCH_PROFILE=DIR writes the coach's V8 CPU profile there; BENCH_COMPARE=PATH/bin/coach.js measures another
// build of the coach (an older commit, for before/after figures) in the same rounds, as a fourth app.
//
// The load generator is Node's own http.request over a keep-alive agent, with every request built and
// signed before the round starts: ~30–50 µs of CPU per request (printed per round). autocannon 9 was
// measured against it on the floor server: 28 µs against 33 µs once warm, no real saving, and its runs end
// on its 1-second timer ticks (no requests per second to read) and do not say when each request was
// written, which reply-visible latency needs.
import { createHmac } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REQUESTS = 1000;
const CONCURRENCY = 50;
const ROUNDS = 5;
/** Unmeasured rounds first, per app: V8 optimises the hot code only after a few thousand requests. */
const WARM_UP_ROUNDS = 3;
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
/** Every third person's Slack locale is en-US (the fake's users.info decides by the UEN prefix). */
const isEnglish = (i) => i % 3 === 0;
const REPLY_WAIT_MS = 15_000;

const contentTitle = (file) => readFileSync(new URL(`../content/playbooks/${file}`, import.meta.url), 'utf8').match(/^title: (.+)$/m)[1];

// ── child processes ──────────────────────────────────────────────────────────────────────────────────────
// Children never outlive the bench, even when it fails or is interrupted.
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
/** `ready`: a text the child prints once it serves (the coach listens first, then connects to Slack). */
function startChild(script, args, env, nodeFlags = [], ready = '') {
  const child = spawn(process.execPath, [...nodeFlags, new URL(script, import.meta.url).pathname, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${out}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}): ${out}`)));
    const onData = (d) => {
      out += d;
      const m = out.match(/"port":(\d+)/);
      if (!m || !out.includes(ready)) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.stdout.resume();
      child.stderr.resume();
      resolve({ child, port: Number(m[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
const procStatusMb = (pid, field) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))[1]) / 1024;
/** CPU time a process has used so far, in ms (schedstat: ns): all its threads, and its main thread alone. */
const cpuMs = (pid) => {
  let all = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      all += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch { /* the thread ended meanwhile */ }
  }
  const main = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]);
  return { all: all / 1e6, main: main / 1e6 };
};

// ── load generator ───────────────────────────────────────────────────────────────────────────────────────
/** Builds and signs one round's requests up front: the generator's own work during the round stays tiny. */
function prepare(fakeUrl, roundKey) {
  const ts = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: REQUESTS }, (_, i) => {
    const key = `${roundKey}-${i}`;
    const body = Buffer.from(new URLSearchParams({
      token: 'x', team_id: 'T1', team_domain: 'acme', channel_id: 'C1', channel_name: 'support',
      user_id: `${isEnglish(i) ? 'UEN' : 'UFR'}${i % 200}`, user_name: 'tech', command: '/playbook', text: 'outage',
      api_app_id: 'A1', response_url: `${fakeUrl}/respond/${key}`, trigger_id: 't',
    }).toString());
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:`).update(body).digest('hex')}`;
    return {
      key, lang: isEnglish(i) ? 'en' : 'fr', body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
    };
  });
}

/** Sends the round's requests, CONCURRENCY at a time; each request's send time and acknowledgement time. */
async function load(target, requests) {
  const acks = new Float64Array(requests.length);
  const sentUs = new Float64Array(requests.length);
  let non200 = 0;
  let next = 0;
  const one = (i) => new Promise((resolve) => {
    const r = requests[i];
    const start = performance.now();
    sentUs[i] = Number(process.hrtime.bigint() / 1000n);
    const req = request({ host: '127.0.0.1', port: target.port, path: '/slack/events', method: 'POST', agent: target.agent, headers: r.headers }, (res) => {
      res.resume();
      res.once('end', () => {
        acks[i] = performance.now() - start;
        if (res.statusCode !== 200) non200++;
        resolve();
      });
    });
    req.once('error', () => { acks[i] = performance.now() - start; non200++; resolve(); });
    req.end(r.body);
  });
  const worker = async () => { while (next < requests.length) await one(next++); };
  const genCpu = process.cpuUsage();
  const appCpu = cpuMs(target.child.pid);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallMs = performance.now() - t0;
  const gen = process.cpuUsage(genCpu);
  return {
    ack: quantiles(acks), rps: requests.length / (wallMs / 1000), non200, over3s: acks.filter((t) => t > 3000).length,
    genCpuUs: (gen.user + gen.system) / requests.length, sentUs, appCpu,
  };
}

function quantiles(values) {
  const sorted = Float64Array.from(values).sort();
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: q(0.5), p99: q(0.99), max: sorted.at(-1) };
}

/** Waits (bounded) for the round's replies at the fake; counts, duplicates, languages, visible latency. */
async function collectReplies(fakePort, requests, sentUs) {
  const got = new Map();
  const api = {};
  const end = Date.now() + REPLY_WAIT_MS;
  while (Date.now() < end) {
    const report = await (await fetch(`http://127.0.0.1:${fakePort}/report?prefix=${requests[0].key.split('-')[0]}-`)).json();
    for (const [key, value] of Object.entries(report.replies)) {
      const before = got.get(key);
      got.set(key, before ? [before[0] + value[0], before[1], before[2]] : value);
    }
    for (const [method, n] of Object.entries(report.api)) api[method] = (api[method] ?? 0) + n;
    if (got.size >= requests.length) {
      // Duplicates would arrive late: give them a moment to show up before counting.
      await new Promise((r) => setTimeout(r, 200));
      const late = await (await fetch(`http://127.0.0.1:${fakePort}/report?prefix=${requests[0].key.split('-')[0]}-`)).json();
      for (const [key, value] of Object.entries(late.replies)) got.set(key, [(got.get(key)?.[0] ?? 0) + value[0], got.get(key)?.[1] ?? value[1], got.get(key)?.[2] ?? value[2]]);
      for (const [method, n] of Object.entries(late.api)) api[method] = (api[method] ?? 0) + n;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const visible = [];
  let missing = 0;
  let duplicated = 0;
  let wrongLang = 0;
  requests.forEach((r, i) => {
    const reply = got.get(r.key);
    if (!reply) return void missing++;
    if (reply[0] > 1) duplicated++;
    if (reply[2] !== r.lang) wrongLang++;
    visible.push((reply[1] - sentUs[i]) / 1000);
  });
  return { delivered: got.size, missing, duplicated, wrongLang, visible: visible.length ? quantiles(visible) : null, api };
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────────────
const fake = await startChild('./fake-web-api.mjs', [], { BENCH_FR_MARK: contentTitle('outage.fr.md'), BENCH_EN_MARK: contentTitle('outage.en.md') });
const fakeUrl = `http://127.0.0.1:${fake.port}`;
const dir = mkdtempSync(join(tmpdir(), 'coach-bench-slack-'));
const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fakeUrl}/api/`, HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: join(dir, 'coach.json'), LOG_LEVEL: 'warn' };
const coach = (script, id, name, extra = {}, nodeFlags = []) =>
  startChild(script, ['serve'], { ...env, LOG_LEVEL: 'info', COACH_DATA_FILE: join(dir, `${id}.json`), ...extra }, nodeFlags, 'support coach ready').then((c) => ({ name, id, replies: true, ...c }));
const apps = [
  // The profile (BENCH_PROFILE) is written when the coach stops; open it in Chrome's DevTools.
  await coach('../bin/coach.js', 'ours', 'support coach', {}, process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
  // BENCH_COMPARE: another build of the coach, measured in the same rounds (its figures beside ours).
  ...(process.env.BENCH_COMPARE ? [await coach(pathToFileURL(resolve(process.env.BENCH_COMPARE)).href, 'other', 'coach (BENCH_COMPARE)')] : []),
  { name: 'bare Bolt (ack only)', id: 'bare', replies: false, ...(await startChild('./bare-bolt.mjs', [], env)) },
  { name: 'raw Node (floor)', id: 'floor', replies: false, ...(await startChild('./raw-floor.mjs', [], env)) },
];
const coaches = apps.filter((a) => a.replies);
for (const app of apps) app.agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });

/** A pause before each round, so the previous app's leftover work (garbage collection) is not counted. */
const SETTLE_MS = 300;
async function round(app, roundKey) {
  const requests = prepare(fakeUrl, roundKey);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const fakeCpu = cpuMs(fake.child.pid);
  const result = await load(app, requests);
  // The app's CPU is read once its replies are all out, so it counts the work after the acknowledgement.
  const replies = app.replies ? await collectReplies(fake.port, requests, result.sentUs) : null;
  const cpu = cpuMs(app.child.pid);
  const cpuPerReq = (cpu.all - result.appCpu.all) / requests.length;
  const mainCpuPerReq = (cpu.main - result.appCpu.main) / requests.length;
  if (replies) replies.fakeCpuPerReq = (cpuMs(fake.child.pid).all - fakeCpu.all) / requests.length;
  if (!app.replies) await fetch(`${fakeUrl}/report?prefix=${roundKey}-`); // drop its (absent) records
  return { ...result, sentUs: undefined, replies, cpuPerReq, mainCpuPerReq };
}

const f = (ms) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const line = (r) => `ack p50 ${f(r.ack.p50)} ms, p99 ${f(r.ack.p99)} ms, max ${f(r.ack.max)} ms | ${r.rps.toFixed(0)} req/s | CPU ${(r.cpuPerReq * 1000).toFixed(0)} µs/req (main thread ${(r.mainCpuPerReq * 1000).toFixed(0)}) | non-200 ${r.non200}, over 3 s ${r.over3s}`;
const replyLine = (x) => `replies ${x.delivered}/${REQUESTS} arrived (missing ${x.missing}, more than once ${x.duplicated}, wrong language ${x.wrongLang}); `
  + (x.visible ? `reply visible p50 ${f(x.visible.p50)} ms, p99 ${f(x.visible.p99)} ms, max ${f(x.visible.max)} ms` : 'no reply arrived')
  + `; Web API calls: ${Object.entries(x.api).map(([m, n]) => `${m} ${n}`).join(', ') || 'none'}; the fake's CPU ${(x.fakeCpuPerReq * 1000).toFixed(0)} µs/reply`;

console.log(`${REQUESTS} signed /playbook outage per round, concurrency ${CONCURRENCY}, ${ROUNDS} rounds (after ${WARM_UP_ROUNDS} unmeasured), order rotating, 127.0.0.1, each app in its own process; a third of the people have an English Slack locale (their locales are cached by the unmeasured rounds, as after each person's first command)`);
for (let w = 1; w <= WARM_UP_ROUNDS; w++) for (const app of apps) await round(app, `w${w}${app.id}`);
const results = [];
for (let r = 1; r <= ROUNDS; r++) {
  const order = apps.map((_, i) => apps[(i + r - 1) % apps.length]);
  const res = {};
  for (const app of order) res[app.id] = await round(app, `r${r}${app.id}`);
  results.push(res);
  const gen = Math.max(...apps.map((a) => res[a.id].genCpuUs));
  console.log(`round ${r} (order: ${order.map((a) => a.id).join(', ')}; load generator ≤ ${gen.toFixed(0)} µs CPU per request)`);
  for (const app of apps) console.log(`  ${app.name.padEnd(22)} ${line(res[app.id])}`);
  for (const app of coaches) {
    const x = res[app.id];
    console.log(`  ${app.name.padEnd(22)} ${replyLine(x.replies)}`);
    console.log(`  ${app.name.padEnd(22)} ratios to bare Bolt: ack p50 ${(x.ack.p50 / res.bare.ack.p50).toFixed(2)}, p99 ${(x.ack.p99 / res.bare.ack.p99).toFixed(2)}, req/s ${(x.rps / res.bare.rps).toFixed(2)}; to the floor: ack p99 ${(x.ack.p99 / res.floor.ack.p99).toFixed(2)}`);
  }
  console.log(`  ${'bare Bolt'.padEnd(22)} ratio to the floor: ack p99 ${(res.bare.ack.p99 / res.floor.ack.p99).toFixed(2)}`);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const med = (id, pick) => median(results.map((r) => pick(r[id])));
console.log(`\nmedians of ${ROUNDS} rounds`);
console.log(`  ${'app'.padEnd(22)} ${'ack p50'.padStart(8)} ${'ack p99'.padStart(8)} ${'ack max'.padStart(8)} ${'req/s'.padStart(7)} ${'CPU/req'.padStart(8)} ${'main'.padStart(7)} ${'RSS'.padStart(7)} ${'peak RSS'.padStart(9)}`);
for (const app of apps) {
  const cells = [med(app.id, (x) => x.ack.p50), med(app.id, (x) => x.ack.p99), med(app.id, (x) => x.ack.max)].map((v) => `${f(v)} ms`.padStart(8));
  console.log(`  ${app.name.padEnd(22)} ${cells.join(' ')} ${med(app.id, (x) => x.rps).toFixed(0).padStart(7)} ${`${(med(app.id, (x) => x.cpuPerReq) * 1000).toFixed(0)} µs`.padStart(8)} ${`${(med(app.id, (x) => x.mainCpuPerReq) * 1000).toFixed(0)} µs`.padStart(7)} ${`${procStatusMb(app.child.pid, 'VmRSS').toFixed(0)} MB`.padStart(7)} ${`${procStatusMb(app.child.pid, 'VmHWM').toFixed(0)} MB`.padStart(9)}`);
}
for (const app of coaches) {
  const ratio = (pick) => median(results.map((r) => pick(r[app.id]) / pick(r.bare)));
  const visible = (pick) => median(results.map((r) => (r[app.id].replies.visible ? pick(r[app.id].replies.visible) : Infinity)));
  const slowest = Math.max(...results.map((r) => r[app.id].ack.max));
  const problems = results.reduce((n, r) => n + r[app.id].replies.missing + r[app.id].replies.duplicated + r[app.id].replies.wrongLang, 0);
  console.log(`${app.name}:`);
  console.log(`  reply visible: p50 ${f(visible((v) => v.p50))} ms, p99 ${f(visible((v) => v.p99))} ms, max ${f(visible((v) => v.max))} ms (target: p99 < 100 ms)`);
  console.log(`  replies: ${problems === 0 ? `all ${REQUESTS * ROUNDS} arrived exactly once, in the right language` : `${problems} missing, repeated or in the wrong language`}`);
  console.log(`  to bare Bolt (median of per-round ratios): ack p50 ${ratio((x) => x.ack.p50).toFixed(2)}, ack p99 ${ratio((x) => x.ack.p99).toFixed(2)} (target ≤ 1.00), req/s ${ratio((x) => x.rps).toFixed(2)} (target ≥ 0.90)`);
  console.log(`  to the floor: ack p99 ${median(results.map((r) => r[app.id].ack.p99 / r.floor.ack.p99)).toFixed(2)} (bare Bolt: ${median(results.map((r) => r.bare.ack.p99 / r.floor.ack.p99)).toFixed(2)})`);
  console.log(`  slowest acknowledgement: ${f(slowest)} ms (target: none over 3 s); memory ${procStatusMb(app.child.pid, 'VmRSS').toFixed(0)} MB now, ${procStatusMb(app.child.pid, 'VmHWM').toFixed(0)} MB at peak (target < 200 MB)`);
}

for (const app of apps) app.agent.destroy();
for (const { child } of [...apps, fake]) await stopChild(child);
rmSync(dir, { recursive: true, force: true });

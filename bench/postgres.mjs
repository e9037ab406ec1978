// PostgreSQL benchmark (issue 13): figures printed, nothing asserted. Run: npm run bench:postgres
// (a throwaway cluster is started in a temporary folder, with PostgreSQL's default durability, fsync on;
// or set DATABASE_URL to an empty database of your own).
//
// 1. Answers per second and confirmation latency with one and with two replicas: each replica is a process
//    opening the store as the coach does (test/support/pg-replica.mjs); answers arrive over loopback HTTP at
//    a fixed rate (open loop: a slow answer does not slow the arrivals), and a confirmation is the 200 sent
//    after the answer's transaction committed. Then the most each setup takes (closed loop, 64 in flight).
// 2. /leaderboard at 5,000 members × 250 challenge days (1.25 million answers and score events), through the
//    port (channelBoard: the week's and all time's top 10 with the viewer's ranks) and over HTTP.
// 3. The daily post to 1,000 channels in 100 workspaces by two replicas, against a Web API that accepts one
//    message per second per channel (bench/fanout.mjs).
// 4. Memory per replica (RSS) after the runs.
// BENCH_PARTS=answers,board,fanout (the default: all) runs only some of them.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../dist/store/postgres/migrate.js';
import { pgPort } from '../dist/store/postgres/pg-port.js';
import { benchDatabase } from './pg-cluster.mjs';
import { CHANNELS_PER_WORKSPACE, fanout, WORKSPACES } from './fanout.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RATE = Number(process.env.BENCH_RATE ?? 500); // answers per second offered
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
/** Connections in each replica's pool. */
const POOL = Number(process.env.BENCH_POOL ?? 8);
const MEMBERS = 5000;
const DAYS = 250;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'answers,board,fanout').split(','));

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const ms = (v) => `${v.toFixed(1)} ms`;

async function startReplica(url) {
  const child = spawn(process.execPath, [join(root, 'test/support/pg-replica.mjs')], { env: { ...process.env, DATABASE_URL: url, POOL_SIZE: String(POOL) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = out.match(/listening (\d+)/); if (m) resolve(Number(m[1])); });
    child.once('exit', (code) => reject(new Error(`replica exited (${code})`)));
  });
  return { port, child, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

let challengeNo = 0;
async function newChallenge(url) {
  const store = pgPort(url);
  const ws = store.workspace('T1');
  const latest = (await ws.challenge('C1', null))?.id ?? null;
  const day = new Date(Date.UTC(2026, 0, 1) + challengeNo++ * 86400000).toISOString().slice(0, 10);
  const out = await ws.createChallenge('C1', { id: `${day}-s`, scenarioId: 's', day, postedAt: `${day}T13:00:00.000Z`, revealAt: null }, { expectLatest: latest, rotation: { order: [], next: 0 }, choiceCount: () => 4 });
  await store.close();
  return out.challenge.id;
}

// The load generator sends with node:http on kept-alive sockets: fetch (undici) costs this process about
// twice the CPU per request, CPU the replicas and PostgreSQL share on a small machine.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs or GETs JSON on loopback; resolves with the status and the parsed body (a failed request: status 0). */
function request(port, path, body) {
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path, method: data ? 'POST' : 'GET', agent, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try { resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }); } catch { resolve({ status: 0, body: null }); }
      });
    });
    req.on('error', () => resolve({ status: 0, body: null }));
    req.end(data);
  });
}

async function post(port, body) {
  const t = performance.now();
  const res = await request(port, '/answer', body);
  return { ms: performance.now() - t, ok: res.status === 200 && res.body?.kind === 'recorded' };
}

/** The machine's CPU time so far, busy and all, in ms (/proc/stat's first line: every core, every process). */
function machineCpu() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  const all = ticks.reduce((a, b) => a + b, 0);
  return { busyMs: (all - idle) * 10, allMs: all * 10 };
}

/** CPU time (ms) so far of this process, each replica and the database server. */
async function cpuNow(ports) {
  const c = process.cpuUsage();
  const replicaMs = await Promise.all(ports.map(async (port) => (await request(port, '/stats')).body.cpuMs));
  return { client: (c.user + c.system) / 1000, replicas: replicaMs.reduce((a, b) => a + b, 0), server: db.cpuMs(), machine: machineCpu() };
}

/**
 * Offers `rate` answers/s for `seconds` spread over the replicas' ports; latencies of the confirmations.
 * Meanwhile 50 probes a second go to the replicas in turn, alternately GET /ping (`SELECT 1` through the
 * pool: one database round trip, the floor of any confirmation) and GET /noop (the HTTP floor), and the
 * CPU time of the load generator, the replicas, the database server and the whole machine is taken.
 */
async function openLoop(url, ports, rate, seconds, label) {
  const challengeId = await newChallenge(url);
  const total = rate * seconds;
  const pending = [];
  const probes = { ping: [], noop: [] };
  let probing = true;
  const probe = (async () => {
    for (let i = 0; probing; i++) {
      const kind = i % 2 ? 'noop' : 'ping';
      const t = performance.now();
      await request(ports[i % ports.length], `/${kind}`);
      probes[kind].push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const cpu0 = await cpuNow(ports);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(post(ports[i % ports.length], { workspace: 'T1', channel: 'C1', challengeId, user: `${label}-${i}`, score: i % 11, at: new Date().toISOString(), week: '2026-W01' }));
  }
  const results = await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const cpu1 = await cpuNow(ports);
  probing = false;
  await probe;
  const lat = results.map((r) => r.ms).sort((a, b) => a - b);
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const wall = elapsed * 1000;
  const share = (k) => (cpu1[k] === null ? null : (cpu1[k] - cpu0[k]) / wall);
  const machine = { busy: (cpu1.machine.busyMs - cpu0.machine.busyMs) / wall, cores: (cpu1.machine.allMs - cpu0.machine.allMs) / wall };
  return {
    offered: rate, achieved: total / elapsed, ok: results.filter((r) => r.ok).length, total, p50: pct(lat, 50), p99: pct(lat, 99), max: lat.at(-1),
    ping: { p50: pct(sorted(probes.ping), 50), p99: pct(sorted(probes.ping), 99), n: probes.ping.length },
    noop: { p50: pct(sorted(probes.noop), 50), p99: pct(sorted(probes.noop), 99), n: probes.noop.length },
    cpu: { client: share('client'), replicas: share('replicas'), server: share('server'), machine },
    load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}

/** As many as the replicas take: 64 answers in flight at all times, `total` in all. */
async function closedLoop(url, ports, total, label) {
  const challengeId = await newChallenge(url);
  let next = 0;
  const lat = [];
  const start = performance.now();
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < total) {
      const i = next++;
      const r = await post(ports[i % ports.length], { workspace: 'T1', channel: 'C1', challengeId, user: `${label}-${i}`, score: i % 11, at: new Date().toISOString(), week: '2026-W01' });
      lat.push(r.ms);
    }
  }));
  lat.sort((a, b) => a - b);
  return { perSecond: total / ((performance.now() - start) / 1000), p50: pct(lat, 50), p99: pct(lat, 99) };
}

/** 5,000 members × 250 challenge days in workspace BIG, channel C1, written in bulk by SQL. */
async function fillBoard(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t = performance.now();
  await c.query('BEGIN');
  // Bulk load: foreign keys unchecked (the rows are made consistent here) and no wait for each commit.
  await c.query(`SET LOCAL session_replication_role = replica`);
  await c.query(`SET LOCAL synchronous_commit = off`);
  // The secondary indexes of the two big tables are dropped and made again after the load (the usual bulk
  // load: one sort per index instead of 1.25 million insertions); their definitions are read back first.
  const indexes = (await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('answers', 'score_log')
    AND indexname NOT IN (SELECT conname FROM pg_constraint)`)).rows;
  for (const { indexname } of indexes) await c.query(`DROP INDEX ${indexname}`);
  await c.query(`INSERT INTO channels (workspace_id, channel_id, settings) VALUES ('BIG', 'C1', '{"pausedDates":[],"rotation":{"order":[],"next":0}}')`);
  await c.query(`INSERT INTO members (workspace_id, member_id, name, opt_out) SELECT 'BIG', 'U' || m, 'Membre ' || m, CASE WHEN m % 50 = 0 THEN true END FROM generate_series(1, ${MEMBERS}) m`);
  await c.query(`INSERT INTO challenges (workspace_id, channel_id, challenge_id, scenario_id, day, posted_at, revealed_at)
    SELECT 'BIG', 'C1', to_char(d, 'YYYY-MM-DD') || '-s', 's', to_char(d, 'YYYY-MM-DD'), d + interval '13 hours', d + interval '1 day'
    FROM generate_series(date '2026-01-01', date '2026-01-01' + ${DAYS - 1}, interval '1 day') d ORDER BY d`);
  await c.query(`INSERT INTO answers (workspace_id, channel_id, challenge_id, member_id, at, choice, score)
    SELECT 'BIG', 'C1', ch.challenge_id, 'U' || m, ch.posted_at + interval '1 hour', (m + ch.seq) % 4, (m * 7 + ch.seq) % 11
    FROM challenges ch, generate_series(1, ${MEMBERS}) m WHERE ch.workspace_id = 'BIG' AND (m + ch.seq) % 5 <> 0`);
  await c.query(`INSERT INTO score_log (workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id)
    SELECT workspace_id, channel_id, member_id, at, score, 'answer', 'challenge ' || challenge_id, member_id, challenge_id FROM answers WHERE workspace_id = 'BIG'`);
  await c.query(`INSERT INTO totals (workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out)
    SELECT 'BIG', 'C1', a.member_id, sum(a.score), CASE WHEN max(ch.day) >= '2026-09-07' THEN '2026-W37' ELSE '2026-W36' END,
      CASE WHEN max(ch.day) >= '2026-09-07' THEN sum(a.score) FILTER (WHERE ch.day >= '2026-09-07') ELSE coalesce(sum(a.score) FILTER (WHERE ch.day >= '2026-08-31'), 0) END, 1, 4, max(ch.day), count(*), coalesce(bool_or(m.opt_out), false)
    FROM answers a JOIN challenges ch USING (workspace_id, channel_id, challenge_id) LEFT JOIN members m USING (workspace_id, member_id)
    WHERE a.workspace_id = 'BIG' GROUP BY a.member_id ORDER BY min(a.at), a.member_id`);
  for (const { indexdef } of indexes) await c.query(indexdef);
  await c.query('COMMIT');
  await c.query('ANALYZE');
  const counts = (await c.query(`SELECT (SELECT count(*) FROM answers WHERE workspace_id = 'BIG')::int AS answers, (SELECT count(*) FROM score_log WHERE workspace_id = 'BIG')::int AS events, (SELECT pg_size_pretty(pg_database_size(current_database()))) AS size`)).rows[0];
  await c.end();
  return { ...counts, seconds: (performance.now() - t) / 1000 };
}

async function boardTimes(fn, n) {
  const lat = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
}

const db = await benchDatabase();
const replicas = [];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { for (const r of replicas) r.child.kill('SIGKILL'); db.stop(); process.exit(130); });
}
try {
  await migrate(db.url);
  console.log(`PostgreSQL benchmark (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'throwaway cluster, fsync on'}); Node ${process.version}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  if (PARTS.has('answers')) {
    replicas.push(await startReplica(db.url));
    await openLoop(db.url, [replicas[0].port], 100, 1, 'warm');
    const one = await openLoop(db.url, [replicas[0].port], RATE, SECONDS, 'one');
    const oneMax = await closedLoop(db.url, [replicas[0].port], 3000, 'one-max');
    replicas.push(await startReplica(db.url));
    await openLoop(db.url, replicas.map((r) => r.port), 100, 1, 'warm2');
    const two = await openLoop(db.url, replicas.map((r) => r.port), RATE, SECONDS, 'two');
    const twoMax = await closedLoop(db.url, replicas.map((r) => r.port), 3000, 'two-max');
    console.log(`answers (confirmation = the 200 sent after the transaction committed; ${POOL} connections per replica)`);
    // (printed once both runs are done, so the table stays in one piece)
    console.log(`| replicas | offered | achieved | recorded | confirmation p50 | p99 | slowest | most taken (64 in flight) | its p50 / p99 |`);
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
    for (const [n, r, m] of [[1, one, oneMax], [2, two, twoMax]]) {
      console.log(`| ${n} | ${r.offered}/s | ${r.achieved.toFixed(0)}/s | ${r.ok}/${r.total} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${m.perSecond.toFixed(0)}/s | ${ms(m.p50)} / ${ms(m.p99)} |`);
    }
    console.log('target: confirmation p99 ≤ 50 ms at 500 answers/s over two replicas');
    console.log(`| replicas | load average at the end | floor: GET /ping (SELECT 1) p50 / p99 | GET /noop (HTTP only) p50 / p99 | CPU, in cores: load generator | replicas | PostgreSQL | whole machine (of ${one.cpu.machine.cores.toFixed(1)}) | CPU per answer: replicas + PostgreSQL |`);
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
    const cores = (v) => (v === null ? 'n/a' : v.toFixed(2));
    for (const [n, r] of [[1, one], [2, two]]) {
      console.log(`| ${n} | ${r.load} | ${ms(r.ping.p50)} / ${ms(r.ping.p99)} | ${ms(r.noop.p50)} / ${ms(r.noop.p99)} | ${cores(r.cpu.client)} | ${cores(r.cpu.replicas)} | ${cores(r.cpu.server)} | ${cores(r.cpu.machine.busy)} | ${r.cpu.server === null ? 'n/a' : `${((r.cpu.replicas * 1000) / r.achieved).toFixed(2)} + ${((r.cpu.server * 1000) / r.achieved).toFixed(2)} ms`} |`);
    }
    console.log('');
  }
  if (PARTS.has('board')) {
    while (replicas.length < 2) replicas.push(await startReplica(db.url));
    const fill = await fillBoard(db.url);
    console.log(`leaderboard data: ${MEMBERS} members × ${DAYS} challenge days = ${fill.answers} answers and ${fill.events} score events, written in ${fill.seconds.toFixed(0)} s; database ${fill.size}`);
    const store = pgPort(db.url);
    const ws = store.workspace('BIG');
    const direct = await boardTimes((i) => ws.channelBoard('C1', { week: '2026-W37', viewer: `U${1 + ((i * 37) % MEMBERS)}`, limit: 10 }), 1000);
    await store.close();
    const http = await boardTimes(async (i) => {
      await request(replicas[i % 2].port, `/leaderboard?workspace=BIG&channel=C1&week=2026-W37&viewer=U${1 + ((i * 53) % MEMBERS)}`);
    }, 1000);
    console.log(`| /leaderboard (top 10 of the week and of all time, the viewer's ranks) | p50 | p99 |`);
    console.log(`| --- | --- | --- |`);
    console.log(`| through the port (channelBoard) | ${ms(direct.p50)} | ${ms(direct.p99)} |`);
    console.log(`| over HTTP to a replica | ${ms(http.p50)} | ${ms(http.p99)} |`);
    console.log('target: p99 < 10 ms\n');
  }
  if (PARTS.has('fanout')) {
    const children = [];
    try {
      const f = await fanout(db.url, 2, children);
      console.log(`daily post to ${WORKSPACES * CHANNELS_PER_WORKSPACE} channels in ${WORKSPACES} workspaces (one bot token for all: SLACK_BOT_TOKEN mode), two replicas, Web API: 1 message/s per channel, else 429 Retry-After: 1`);
      console.log(`| time to post all | channels posted | posted once | most posts in one channel | 429s received | challenges created / post ids kept | per replica: posts, collect + deliver, RSS |`);
      console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
      console.log(`| ${f.seconds.toFixed(1)} s | ${f.channels} | ${f.once} | ${f.most} | ${f.refused} | ${f.created} / ${f.kept} | ${f.replicas.map((r) => `${r.posts}${r.failed ? ` (${r.failed} failed)` : ''}, ${(r.collectMs / 1000).toFixed(1)} + ${(r.deliverMs / 1000).toFixed(1)} s, ${(r.rss / 1048576).toFixed(0)} MB`).join('; ')} |`);
      console.log(`target: under 60 s, no channel posted twice; load average now ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
    } finally {
      for (const c of children) c.proc.kill('SIGKILL');
    }
  }
  if (replicas.length) {
    const memory = await Promise.all(replicas.map(async (r) => (await request(r.port, '/stats')).body));
    console.log(`memory per replica after the runs: ${memory.map((m) => `RSS ${(m.rss / 1048576).toFixed(0)} MB (heap ${(m.heapUsed / 1048576).toFixed(0)} MB)`).join(', ')}`);
  }
} finally {
  for (const r of replicas) await r.stop();
  db.stop();
}

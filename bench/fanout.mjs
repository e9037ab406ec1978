// bench:postgres's fan-out (issue 13): a daily post to 1,000 channels in 100 workspaces on PostgreSQL,
// posted by `replicas` processes (bench/fanout-replica.mjs: the real Scheduler claiming each slot through
// the port, the server's posting loop, the Slack app's delivery) to a fake Web API that accepts one
// message per second per channel and answers 429 with Retry-After beyond (bench/fanout-slack.mjs).
// Time to post all = from the moment both replicas are told to tick until the last replica has delivered
// everything; then the posts each channel received (each must be exactly 1) and the 429s sent.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgPort } from '../dist/store/postgres/pg-port.js';

const here = dirname(fileURLToPath(import.meta.url));
export const WORKSPACES = 100;
export const CHANNELS_PER_WORKSPACE = 10;
/** Monday 7 December 2026, 9:00:05 in Toronto (the default schedule's slot is 9:00 on weekdays). */
const SLOT = '2026-12-07T14:00:05.000Z';

/** BENCH_NODE_ARGS: extra Node options for the replicas (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
function child(script, env) {
  const nodeArgs = script === 'fanout-replica.mjs' && process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const proc = spawn(process.execPath, [...nodeArgs, join(here, script)], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${script} exited`);
    return value;
  };
  // A replica ends on its own when its input ends (then a profile asked for is written); SIGTERM after 5 s.
  const stop = () => new Promise((r) => {
    if (proc.exitCode !== null) return r();
    const timer = setTimeout(() => proc.kill('SIGTERM'), 5000);
    proc.once('exit', () => { clearTimeout(timer); r(); });
    proc.stdin.end();
    if (script !== 'fanout-replica.mjs') proc.kill('SIGTERM');
  });
  return { proc, next, stop };
}

/** 100 workspaces × 10 Slack channels, each scheduled (the admin's `/coach schedule on`), through the port. */
async function schedule(url) {
  const store = pgPort(url);
  try {
    await Promise.all(Array.from({ length: WORKSPACES }, async (_, w) => {
      const ws = store.workspace(`TW${String(w).padStart(3, '0')}`);
      for (let c = 0; c < CHANNELS_PER_WORKSPACE; c++) {
        await ws.updateChannel(`C${String(w).padStart(3, '0')}X${c}`, (s) => { s.name = `support-${c}`; s.platform = 'slack'; s.scheduledSince = '2026-12-07T12:00:00.000Z'; }, { create: true });
      }
    }));
  } finally {
    await store.close();
  }
}

/** Runs the fan-out with `replicas` processes; returns the figures. `children` collects the processes for a clean stop. */
export async function fanout(url, replicas, children) {
  await schedule(url);
  const api = child('fanout-slack.mjs', {});
  children.push(api);
  const { port } = JSON.parse(await api.next());
  const procs = [];
  for (let i = 0; i < replicas; i++) {
    const r = child('fanout-replica.mjs', { DATABASE_URL: url, SLACK_API_URL: `http://127.0.0.1:${port}/api/`, REPLICA: `fanout-${i}`, POOL_SIZE: '10' });
    children.push(r);
    procs.push(r);
  }
  for (const r of procs) if ((await r.next()) !== 'ready') throw new Error('fan-out replica not ready');
  const start = performance.now();
  for (const r of procs) r.proc.stdin.write(`tick ${SLOT}\n`);
  const each = await Promise.all(procs.map(async (r) => ({ ...JSON.parse(await r.next()), endedAt: performance.now() })));
  const seconds = (performance.now() - start) / 1000;
  const report = await (await fetch(`http://127.0.0.1:${port}/report`)).json();
  const counts = Object.values(report.posts);
  const store = pgPort(url);
  const created = (await store.pool.query(`SELECT count(*)::int AS n, count(post_ref)::int AS kept FROM challenges WHERE day = '2026-12-07' AND workspace_id LIKE 'TW%'`)).rows[0];
  await store.close();
  for (const r of procs) await r.stop();
  await api.stop();
  return {
    seconds, channels: counts.length, once: counts.filter((n) => n === 1).length, most: Math.max(0, ...counts), refused: report.refused,
    created: created.n, kept: created.kept, replicas: each.map((e) => ({ posts: e.posts, failed: e.failed, collectMs: e.collectMs, deliverMs: e.deliverMs, rss: e.rss })),
  };
}

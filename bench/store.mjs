// Store benchmark: 10,000 concurrent simulated answer submissions against a fresh JSON store in a temp
// folder, then the figures: all recorded exactly once (checked by reopening), disk writes, answers per
// second, confirmation latency, data-file and score-log sizes, RSS, and the time of one full write of the
// data file at that size. Figures only, no assertions. Run: npm run build && node bench/store.mjs
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsyncJsonAdapter } from '../dist/store/fsync-adapter.js';
import { openJsonStore, workspaceStore } from '../dist/store/json-store.js';
import { scoreLogFile } from '../dist/store/score-log.js';

const WORKSPACES = 10;
const CHANNELS = 10; // per workspace
const USERS = 100; // per channel: 10 × 10 × 100 = 10,000 answers
const DAY = '2026-11-30';
const CHALLENGE = `${DAY}-angry-user-01`;

const dir = mkdtempSync(join(tmpdir(), 'coach-bench-store-'));
const mb = (bytes) => (bytes / 1048576).toFixed(1);

try {
  const burst = await run(join(dir, 'burst'), 0);
  const { data, file, problems, elapsedMs, writes, latencies, rss, lastWriteMs } = burst;

  // One full write of that data, alone: serialise + temp file + fsync + rename + folder fsync.
  const probe = new FsyncJsonAdapter(join(dir, 'probe.json'));
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await probe.write(data);
    times.push(performance.now() - t);
  }
  const t = performance.now();
  JSON.stringify(data);
  const stringifyMs = performance.now() - t;

  // The same answers arriving over time (5 per 1-ms timer tick; the real rate is printed) rather than at once.
  const spread = await run(join(dir, 'spread'), 5);

  const total = WORKSPACES * CHANNELS * USERS;
  const lines = [
    `store bench: ${total.toLocaleString('en')} concurrent answer submissions (${WORKSPACES} workspaces × ${CHANNELS} channels × ${USERS} members), Node ${process.version}`,
    `recorded exactly once (after reopening):  ${verdict(problems)}`,
    `disk writes for the burst:                 ${writes}`,
    `answers per second:                        ${Math.round(total / (elapsedMs / 1000)).toLocaleString('en')} (${elapsedMs.toFixed(0)} ms for all)`,
    `confirmation latency:                      ${latencyLine(latencies)}`,
    `data file size:                            ${mb(statSync(file).size)} MB (${statSync(file).size.toLocaleString('en')} bytes)`,
    `score log size:                            ${mb(statSync(scoreLogFile(file)).size)} MB (${statSync(scoreLogFile(file)).size.toLocaleString('en')} bytes, ${burst.logEntries.toLocaleString('en')} events)`,
    `process RSS after the burst:               ${mb(rss)} MB (peak ${mb(process.resourceUsage().maxRSS * 1024)} MB, whole run)`,
    `one full data-file write at that size:     median ${median(times).toFixed(1)} ms (of which JSON.stringify ${stringifyMs.toFixed(1)} ms, event loop blocked); the burst's write (log append + data file) took ${lastWriteMs.toFixed(1)} ms`,
    `same answers, 5 per 1-ms timer tick:      ${verdict(spread.problems) === 'yes, all' ? 'all recorded once' : verdict(spread.problems)} in ${(spread.elapsedMs / 1000).toFixed(1)} s (${Math.round(total / (spread.elapsedMs / 1000)).toLocaleString('en')}/s), ${spread.writes} disk writes, latency ${latencyLine(spread.latencies)}`,
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Opens a fresh store, submits every answer (all at once, or `perMs` per millisecond), reopens, checks. */
async function run(folder, perMs) {
  const file = join(folder, 'coach.json');
  const store = await openJsonStore(file, { warn: () => undefined });
  const slices = Array.from({ length: WORKSPACES }, (_, w) => workspaceStore(store, `T${w}`));
  // Each workspace: its channels, each with today's challenge posted.
  await Promise.all(
    slices.map((ws) =>
      ws.update((data) => {
        for (let c = 0; c < CHANNELS; c++) {
          data.channels[`C${c}`] = {
            pausedDates: [],
            rotation: { order: ['angry-user-01', 'outage-01', 'flood-01'], next: 1 },
            challenges: [{ id: CHALLENGE, scenarioId: 'angry-user-01', day: DAY, postedAt: `${DAY}T14:00:00.000Z`, revealAt: `${DAY}T20:00:00.000Z`, revealedAt: null, answers: {} }],
            totals: {},
          };
        }
      }),
    ),
  );
  const writesBefore = store.stats().writes;
  const latencies = [];
  const submissions = [];
  const started = performance.now();
  let n = 0;
  for (let u = 0; u < USERS; u++) {
    for (let w = 0; w < WORKSPACES; w++) {
      for (let c = 0; c < CHANNELS; c++) {
        if (perMs > 0 && n++ % perMs === 0) await new Promise((r) => setTimeout(r, 1));
        const user = `U${w}-${c}-${u}`;
        const channel = `C${c}`;
        const t0 = performance.now();
        submissions.push(slices[w].update((ws) => submitAnswer(ws, channel, user, u)).then(() => latencies.push(performance.now() - t0)));
      }
    }
  }
  await Promise.all(submissions);
  const elapsedMs = performance.now() - started;
  const writes = store.stats().writes - writesBefore;
  const rss = process.memoryUsage().rss;
  const lastWriteMs = store.stats().lastWriteMs;
  await store.close();
  const reopened = await openJsonStore(file, { warn: () => undefined, backupsKept: 0 });
  const log = await reopened.readLog();
  const problems = reopened.read((data) => checkAll(data, log));
  const data = reopened.read((d) => d);
  const logEntries = reopened.stats().logEntries;
  await reopened.close();
  return { data, file, problems, elapsedMs, writes, latencies, rss, lastWriteMs, logEntries };
}

function verdict(problems) {
  return problems.length === 0 ? 'yes, all' : `NO: ${problems.length} problems, e.g. ${problems.slice(0, 3).join('; ')}`;
}

function latencyLine(latencies) {
  const s = [...latencies].sort((a, b) => a - b);
  const pct = (p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(0);
  return `p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${s.at(-1).toFixed(0)} ms`;
}

function submitAnswer(ws, channel, user, u) {
  const ch = ws.channels[channel];
  const challenge = ch.challenges[0];
  if (challenge.answers[user]) throw new Error(`${user} already answered`);
  const at = new Date().toISOString();
  const score = [10, 6, 3, 0][u % 4];
  challenge.answers[user] = { at, choice: u % 4, covered: ['listen', 'reassure'], missed: ['follow-up'], flags: [], score, streakBonus: 0 };
  const totals = (ch.totals[user] ??= { points: 0, week: '2026-W49', weekPoints: 0, streak: 0, bestStreak: 0, lastDay: null, answers: 0 });
  totals.points += score;
  totals.weekPoints += score;
  totals.streak += 1;
  totals.bestStreak = Math.max(totals.bestStreak, totals.streak);
  totals.lastDay = DAY;
  totals.answers += 1;
  ws.members[user] ??= { name: `Member ${user}` };
  ws.scoreLog.push({ at, channel, user, delta: score, kind: 'answer', reason: `answer to ${CHALLENGE}`, by: user, challengeId: CHALLENGE });
}

function checkAll(data, log) {
  const problems = [];
  for (let w = 0; w < WORKSPACES; w++) {
    const ws = data.workspaces[`T${w}`];
    const own = log.filter((e) => e.workspace === `T${w}`);
    if (ws.scoreLog.length !== 0) problems.push(`T${w}: ${ws.scoreLog.length} score events left in the document`);
    const logged = new Map();
    for (const e of own) logged.set(`${e.channel}/${e.user}`, (logged.get(`${e.channel}/${e.user}`) ?? 0) + 1);
    if (own.length !== CHANNELS * USERS) problems.push(`T${w}: ${own.length} score events`);
    for (let c = 0; c < CHANNELS; c++) {
      const ch = ws.channels[`C${c}`];
      if (Object.keys(ch.challenges[0].answers).length !== USERS) problems.push(`T${w}/C${c}: ${Object.keys(ch.challenges[0].answers).length} answers`);
      for (let u = 0; u < USERS; u++) {
        const user = `U${w}-${c}-${u}`;
        if (!ch.challenges[0].answers[user]) problems.push(`T${w}/C${c}/${user}: no answer`);
        if (ch.totals[user]?.answers !== 1) problems.push(`T${w}/C${c}/${user}: totals.answers ${ch.totals[user]?.answers}`);
        if (logged.get(`C${c}/${user}`) !== 1) problems.push(`T${w}/C${c}/${user}: ${logged.get(`C${c}/${user}`) ?? 0} score events`);
      }
    }
  }
  return problems;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

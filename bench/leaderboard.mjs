// Part of npm run bench:store — leaderboards at scale: 5,000 members in one team channel with 250
// challenge days of history (60 % answer each day), built through the domain's own scoring code, with old
// challenges compacted as the JSON store does (answers of the last KEEP_ANSWERS_OF_LAST kept). Then the
// store: the whole history imported in one update, the boards as the coach reads them (the store port's
// channelBoard and teamsBoard), typical commits (one answer each), file sizes (data file and score log)
// and memory, then a coach restarted on those files (open time, memory).
// Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyScore, streakBonus } from '../dist/domain/scores.js';
import { isoWeek } from '../dist/domain/time.js';
import { emptyChannel } from '../dist/domain/channel-defaults.js';
import { emptyWorkspace } from '../dist/store/schema.js';
import { KEEP_ANSWERS_OF_LAST } from '../dist/store/port.js';
import { compact, jsonPort } from '../dist/store/json-port.js';
import { openJsonStore, workspaceStore } from '../dist/store/index.js';

const MEMBERS = 5000;
const DAYS = 250;
const PARTICIPATION = 0.6;
const CHANNELS = 20; // other teams of the workspace, for /leaderboard all
const CHOICES = 4;
const COMMITS = 20; // typical commits timed after the import

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const ws = emptyWorkspace();
ws.channels.C0 = emptyChannel();
for (let c = 1; c < CHANNELS; c++) ws.channels[`C${c}`] = emptyChannel();
for (let m = 0; m < MEMBERS; m++) ws.members[`U${m}`] = { name: `Member ${m}` };

const t0 = performance.now();
let day = new Date('2025-12-01T14:00:00Z');
let answers = 0;
for (let d = 0; d < DAYS; d++) {
  do day = new Date(day.getTime() + 86_400_000); while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  const dayKey = day.toISOString().slice(0, 10);
  const channel = ws.channels.C0;
  const previous = channel.challenges.at(-1)?.day ?? null;
  const challenge = { id: `${dayKey}-s${d % 9}`, scenarioId: `s${d % 9}`, day: dayKey, postedAt: day.toISOString(), revealAt: null, revealedAt: day.toISOString(), answers: {} };
  channel.challenges.push(challenge);
  const old = channel.challenges.at(-1 - KEEP_ANSWERS_OF_LAST);
  if (old) compact(old, CHOICES);
  for (let m = 0; m < MEMBERS; m++) {
    if (random() > PARTICIPATION) continue;
    const user = `U${m}`;
    const score = Math.floor(random() * 11);
    const { streak, bonus } = streakBonus(channel.totals[user], previous, dayKey, score);
    challenge.answers[user] = { at: day.toISOString(), choice: score % CHOICES, covered: [], missed: [], flags: [], score, streakBonus: bonus };
    applyScore(ws, 'C0', user, { day: dayKey, at: day, score, bonus, streak, challengeId: challenge.id });
    answers++;
  }
}
for (let c = 1; c < CHANNELS; c++) ws.channels[`C${c}`].totals = { X: { points: c * 10, week: '2026-W01', weekPoints: 0, streak: 0, bestStreak: 0, lastDay: null, answers: 1 } };
const events = ws.scoreLog.length;
console.log(`history built: ${MEMBERS} members, ${DAYS} challenge days, ${answers.toLocaleString('en')} answers, ${events.toLocaleString('en')} score events (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const week = isoWeek(day.toISOString().slice(0, 10));
const time = async (fn, n) => {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(2);
  return `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`;
};

const mb = (bytes) => (bytes / 1048576).toFixed(1);
const dir = mkdtempSync(join(tmpdir(), 'coach-bench-board-'));
try {
  const file = join(dir, 'coach.json');
  const logFile = join(dir, 'coach.scores.jsonl');
  const store = await openJsonStore(file, { warn: () => undefined });
  let s = performance.now();
  await store.update((data) => { data.workspaces.T1 = ws; });
  console.log(`import of the whole history (one update, ${events.toLocaleString('en')} events): ${(performance.now() - s).toFixed(0)} ms`);
  const board = jsonPort(store).workspace('T1');
  globalThis.gc?.(); // the history's garbage (a million events) is the bench's, not a running coach's
  console.log(`/leaderboard (channel, 5,000 members, own rank): ${await time((i) => board.channelBoard('C0', { week, viewer: `U${(i * 37) % MEMBERS}`, limit: 10 }), 500)} (target p99 < 10 ms)`);
  console.log(`/leaderboard all (${CHANNELS} teams):              ${await time(() => board.teamsBoard({ week, limit: 10 }), 500)}`);
  const w = workspaceStore(store, 'T1');
  // Typical commits: one answer each, awaited one after the other (each is its own durable write).
  const commits = [];
  const bytes = [];
  const nextDay = new Date(day.getTime() + 86_400_000);
  for (let i = 0; i < COMMITS; i++) {
    const user = `U${i}`;
    s = performance.now();
    await w.update((d) => applyScore(d, 'C0', user, { day: nextDay.toISOString().slice(0, 10), at: nextDay, score: 7, bonus: 1, streak: 2, challengeId: 'bench' }));
    commits.push(performance.now() - s);
    bytes.push(store.stats().lastWriteBytes);
  }
  commits.sort((a, b) => a - b);
  console.log(`one durable write (one answer, ${mb(bytes.at(-1))} MB document): median ${commits[COMMITS >> 1].toFixed(1)} ms, max ${commits.at(-1).toFixed(1)} ms`);
  console.log(`/leaderboard after the writes:                   ${await time((i) => board.channelBoard('C0', { week, viewer: `U${i}`, limit: 10 }), 200)}`);
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  if (typeof w.readLog === 'function') {
    s = performance.now();
    const own = await w.readLog();
    console.log(`readLog of the workspace: ${own.length.toLocaleString('en')} events in ${(performance.now() - s).toFixed(0)} ms`);
  }
  await store.close();
  const logLine = existsSync(logFile) ? `; score log ${mb(statSync(logFile).size)} MB` : '';
  console.log(`files at that scale: data file ${mb(statSync(file).size)} MB${logLine}`);
  console.log(`process memory after the writes: RSS ${mb(rss)} MB, JS heap ${mb(heapUsed)} MB (peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB, whole run incl. building the history)`);
  // A coach restarted on those files: what it holds in memory is the document, not the history.
  const child = `
    const { openJsonStore } = await import(${JSON.stringify(new URL('../dist/store/index.js', import.meta.url).href)});
    const s = performance.now();
    const store = await openJsonStore(${JSON.stringify(file)}, { backupsKept: 0, warn: () => undefined });
    const ms = performance.now() - s;
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    await store.close();
    console.log(JSON.stringify({ ms, rss, heapUsed }));`;
  const restarted = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', child], { encoding: 'utf8' }));
  console.log(`a coach restarted on those files: open ${restarted.ms.toFixed(0)} ms, RSS ${mb(restarted.rss)} MB, JS heap ${mb(restarted.heapUsed)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The challenge domain over the real JSON store in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import type { Localized, Scenario } from '../../src/content/model.js';
import { Challenges, type Grader } from '../../src/domain/challenges.js';
import { parseHolidaySpec } from '../../src/domain/holidays.js';
import { channelBoard, teamsBoard } from '../../src/domain/scores.js';
import { jsonPort, openJsonStore, workspaceStore, type JsonStore, type WorkspaceStore } from '../../src/store/index.js';
import { root } from '../helpers.js';

/** The store port's slice for a workspace slice of the test's store (both over one JSON store). */
const port = (slice: WorkspaceStore) => jsonPort(store).workspace(slice.workspace);

const library = loadLibrary(join(root, 'content'));
// Grading is tested on its own; here a transparent stand-in keeps the arithmetic obvious.
const grader: Grader = {
  gradeChoice: (s: Localized<Scenario>, i: number) => ({ score: s.fr.choices[i]!.points, max: 10, covered: [], missed: [], flags: [] }),
  gradeText: (_s, text) => ({ score: Math.min(10, text.split(' ').length), max: 10, covered: [], missed: [], flags: [] }),
};
const holidays = (() => { const r = parseHolidaySpec('quebec'); if (!r.ok) throw new Error(); return r.calendar; })();

let dir: string;
let store: JsonStore;
let challenges: Challenges;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coach-domain-'));
  store = await openJsonStore(join(dir, 'coach.json'));
  challenges = new Challenges({ library, grader, holidays, defaultSchedule: { cron: '0 9 * * 1-5', timezone: 'America/Toronto' }, revealLeadMs: 3_600_000 });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const monday9 = new Date('2026-11-30T14:00:00Z');
const hours = (n: number) => new Date(monday9.getTime() + n * 3_600_000);

test('post, answer once, reminder on a second try, reveal one hour before the next post', async () => {
  const ws = workspaceStore(store, 'T1');
  const { challenge, created } = await challenges.post(port(ws), 'C1', monday9, 'support');
  expect(created).toBe(true);
  expect(challenge.day).toBe('2026-11-30');
  expect(challenge.revealAt).toBe('2026-12-01T13:00:00.000Z'); // Tuesday 08:00, an hour before the next post
  expect((await challenges.post(port(ws), 'C1', hours(1))).created).toBe(false); // one a day

  const best = library.scenarios.find((s) => s.id === challenge.scenarioId)!.fr.choices.findIndex((c) => c.best);
  const first = await challenges.answer(port(ws), 'C1', 'U1', 'Alice', null, { choice: best }, hours(1));
  expect(first).toMatchObject({ kind: 'recorded', answer: { score: 10, streakBonus: 0 } });
  const again = await challenges.answer(port(ws), 'C1', 'U1', 'Alice', null, { choice: 0 }, hours(2));
  expect(again).toMatchObject({ kind: 'already', answer: { score: 10 } });
  await challenges.answer(port(ws), 'C1', 'U2', 'Bob', challenge.id, { text: 'je reste calme et je vérifie', lang: 'fr' }, hours(2));

  expect(challenges.due(ws.read((d) => d), hours(22))).toEqual([]);
  expect(challenges.due(ws.read((d) => d), hours(23))).toEqual([{ channel: 'C1', action: 'reveal' }]);
  const revealed = await challenges.reveal(port(ws), 'C1', hours(23));
  expect(Object.keys(revealed!.answers)).toEqual(['U1', 'U2']);
  expect(await challenges.answer(port(ws), 'C1', 'U3', 'Cat', null, { choice: 0 }, hours(23.5))).toMatchObject({ kind: 'closed' });
  expect(challenges.due(ws.read((d) => d), hours(24))).toEqual([]); // not scheduled here: no automatic post
});

test('scheduled channels post on weekdays only, and rotate without repeats', async () => {
  const ws = workspaceStore(store, 'T1');
  await ws.update((d) => { d.channels.C1 = { pausedDates: [], rotation: { order: [], next: 0 }, challenges: [], totals: {}, scheduledSince: '2026-11-27T00:00:00Z' }; });
  const seen: string[] = [];
  let at = new Date('2026-11-27T00:00:00Z');
  for (let i = 0; i < 30 && seen.length < 9; i++) {
    const next = challenges.nextPost(ws.read((d) => d), 'C1', at)!;
    expect([1, 2, 3, 4, 5]).toContain(new Date(next.getTime() - 5 * 3_600_000).getUTCDay());
    const posted = await challenges.post(port(ws), 'C1', next);
    seen.push(posted.challenge.scenarioId);
    at = next;
  }
  expect([...seen].sort()).toEqual(library.scenarios.map((s) => s.id).sort());
});

test('streak bonus for consecutive challenge days; leaderboards with own rank outside the top ten; opt-out', async () => {
  const ws = workspaceStore(store, 'T1');
  const day = (n: number) => new Date(monday9.getTime() + n * 86_400_000);
  for (let n = 0; n < 3; n++) {
    await challenges.post(port(ws), 'C1', day(n));
    const pick = async (user: string, score: 'best' | 'worst') => {
      const current = ws.read((d) => challenges.current(d, 'C1'))!;
      const choices = library.scenarios.find((s) => s.id === current.scenarioId)!.fr.choices;
      const index = score === 'best' ? choices.findIndex((c) => c.best) : choices.reduce((lo, c, i) => (c.points < choices[lo]!.points ? i : lo), 0);
      return challenges.answer(port(ws), 'C1', user, user.toUpperCase(), null, { choice: index }, new Date(day(n).getTime() + 60_000));
    };
    const alice = await pick('alice', 'best');
    expect(alice).toMatchObject({ kind: 'recorded', streak: n + 1, answer: { streakBonus: n } });
    for (let u = 0; u < 11; u++) await pick(`m${u}`, 'best');
    if (n !== 1) await pick('zed', 'best'); // zed misses Tuesday: streak restarts, 20 points
  }
  const board = ws.read((d) => channelBoard(d, 'C1', 'zed', '2026-12-02'));
  expect(board.allTime).toHaveLength(10);
  expect(board.allTime[0]).toMatchObject({ rank: 1, name: 'ALICE', points: 33, streak: 3 });
  expect(board.me).toMatchObject({ allTimeRank: 13, points: 20, streak: 1 }); // 12 tied at 33 above
  expect(board.week.map((e) => e.user)).not.toContain('zed');

  await ws.update((d) => { d.members.alice!.optOut = true; });
  const hidden = ws.read((d) => channelBoard(d, 'C1', 'alice', '2026-12-02'));
  expect(hidden.allTime.map((e) => e.user)).not.toContain('alice');
  expect(hidden.me).toMatchObject({ allTimeRank: 1, points: 33 });
  // Log: every change with who, when, why; running totals match it.
  const log = await ws.readLog();
  expect(log.filter((e) => e.user === 'alice').reduce((s, e) => s + e.delta, 0)).toBe(33);
  expect(log.filter((e) => e.kind === 'streak' && e.user === 'alice').map((e) => e.delta)).toEqual([1, 2]);
});

test('workspaces never see each other', async () => {
  const a = workspaceStore(store, 'TA');
  const b = workspaceStore(store, 'TB');
  await challenges.post(port(a), 'C1', monday9, 'alpha');
  const current = a.read((d) => challenges.current(d, 'C1'))!;
  await challenges.answer(port(a), 'C1', 'U1', 'Ann', null, { choice: 0 }, hours(1));
  expect(b.read((d) => challenges.current(d, 'C1'))).toBeNull();
  expect(await challenges.answer(port(b), 'C1', 'U1', 'Ann', current.id, { choice: 0 }, hours(1))).toEqual({ kind: 'none' });
  expect(b.read((d) => teamsBoard(d, '2026-11-30'))).toEqual([]);
  expect(a.read((d) => teamsBoard(d, '2026-11-30')).map((t) => t.name)).toEqual(['alpha']);
});

test('an answer recorded through the port runs its follow-ups once, after it; a failing follow-up keeps the answer', async () => {
  const seen: { user: string; words: string | null; challenge: string; recorded: boolean }[] = [];
  const followed = new Challenges({
    library, grader, holidays, defaultSchedule: { cron: '0 9 * * 1-5', timezone: 'America/Toronto' }, revealLeadMs: 3_600_000,
    onRecorded: async (slice, r) => {
      // The port's step is committed before the follow-up runs: the answer is readable here.
      const stored = await slice.memberAnswer(r.channel, r.challenge.id, r.user);
      seen.push({ user: r.user, words: r.words, challenge: r.challenge.id, recorded: Boolean(stored?.answer) });
      if (r.user === 'U2') throw new Error('follow-up failed');
    },
  });
  const ws = workspaceStore(store, 'T1');
  const { challenge } = await followed.post(port(ws), 'C1', monday9);
  expect(await followed.answer(port(ws), 'C1', 'U1', 'Alice', null, { choice: 0 }, hours(1))).toMatchObject({ kind: 'recorded' });
  expect(await followed.answer(port(ws), 'C1', 'U2', 'Bob', null, { text: 'je reste calme', lang: 'fr' }, hours(1))).toMatchObject({ kind: 'recorded' });
  expect(await followed.answer(port(ws), 'C1', 'U1', 'Alice', null, { choice: 1 }, hours(2))).toMatchObject({ kind: 'already' });
  expect(seen).toEqual([
    { user: 'U1', words: null, challenge: challenge.id, recorded: true },
    { user: 'U2', words: 'je reste calme', challenge: challenge.id, recorded: true },
  ]);
  expect((await port(ws).memberAnswer('C1', challenge.id, 'U2'))?.answer).toMatchObject({ score: 3 }); // three words
});

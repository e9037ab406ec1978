// Points, streaks and boards: everyone who took part is ranked (0 points included), one competition
// ranking everywhere, and the streak bonus never outweighs the answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { Challenges, type Grader } from '../../src/domain/challenges.js';
import { parseHolidaySpec } from '../../src/domain/holidays.js';
import { applyAward, channelBoard, liveStreak, ranker, streakBonus, teamsBoard } from '../../src/domain/scores.js';
import { emptyChannel } from '../../src/domain/channel-defaults.js';
import type { MemberTotals, WorkspaceData } from '../../src/store/schema.js';
import { emptyWorkspace } from '../../src/store/schema.js';
import { jsonPort, openJsonStore, workspaceStore, type JsonStore, type WorkspaceStore } from '../../src/store/index.js';
import { root } from '../helpers.js';

const totals = (lastDay: string | null, streak: number): MemberTotals => ({ points: 0, week: '2026-W49', weekPoints: 0, streak, bestStreak: streak, lastDay, answers: streak });

describe('streak bonus: round(points × min(streak − 1, 5) / 10)', () => {
  test('proportional to the answer’s own points; 0 points earn nothing', () => {
    const bonusAt = (points: number, streak: number) => streakBonus(totals('2026-12-01', streak - 1), '2026-12-01', '2026-12-02', points);
    expect(bonusAt(10, 1)).toEqual({ streak: 1, bonus: 0 }); // a first day: lastDay is null-like (streak 0 before)
    expect([2, 3, 4, 5, 6, 7, 20].map((s) => bonusAt(10, s).bonus)).toEqual([1, 2, 3, 4, 5, 5, 5]);
    expect([2, 3, 4, 5, 6, 20].map((s) => bonusAt(0, s).bonus)).toEqual([0, 0, 0, 0, 0, 0]);
    expect([2, 3, 4, 5, 6].map((s) => bonusAt(3, s).bonus)).toEqual([0, 1, 1, 1, 2]); // 0.3, 0.6, 0.9, 1.2, 1.5
    expect([2, 3, 4, 5, 6].map((s) => bonusAt(5, s).bonus)).toEqual([1, 1, 2, 2, 3]); // halves round up
    expect(bonusAt(1, 6).bonus).toBe(1);
    expect(bonusAt(4, 6).bonus).toBe(2);
  });

  test('the streak counts consecutive challenge days; a missed challenge restarts it; the same day never counts twice', () => {
    expect(streakBonus(undefined, null, '2026-12-01', 10)).toEqual({ streak: 1, bonus: 0 });
    expect(streakBonus(totals('2026-12-01', 3), '2026-12-01', '2026-12-02', 10)).toEqual({ streak: 4, bonus: 3 });
    expect(streakBonus(totals('2026-11-30', 3), '2026-12-01', '2026-12-02', 10)).toEqual({ streak: 1, bonus: 0 });
    expect(streakBonus(totals('2026-12-02', 3), '2026-12-02', '2026-12-02', 10)).toEqual({ streak: 1, bonus: 0 });
    // A 0-point answer keeps the streak going (it is an answer), without a bonus of its own.
    expect(streakBonus(totals('2026-12-01', 3), '2026-12-01', '2026-12-02', 0)).toEqual({ streak: 4, bonus: 0 });
  });
});

describe('the issue’s scenario: a member who mostly answers weakly does not lead one who answers better', () => {
  const library = loadLibrary(join(root, 'content'));
  // Free text graded by its number of words (max 10): the arithmetic stays obvious.
  const grader: Grader = {
    gradeChoice: (s, i) => ({ score: s.fr.choices[i]!.points, max: 10, covered: [], missed: [], flags: [] }),
    gradeText: (_s, text) => ({ score: Math.min(10, text.split(' ').length), max: 10, covered: [], missed: [], flags: [] }),
  };
  const holidays = (() => { const r = parseHolidaySpec('none'); if (!r.ok) throw new Error(); return r.calendar; })();
  let dir: string;
  let store: JsonStore;
  /** The store port's slice for a workspace slice of the test's store (both over one JSON store). */
  const port = (slice: WorkspaceStore) => jsonPort(store).workspace(slice.workspace);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coach-scores-'));
    store = await openJsonStore(join(dir, 'coach.json'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('ten days: weak answers every day vs strong answers every other day', async () => {
    const challenges = new Challenges({ library, grader, holidays, defaultSchedule: { cron: '0 9 * * *', timezone: 'UTC' }, revealLeadMs: 3_600_000 });
    const ws = workspaceStore(store, 'T1');
    const base = Date.parse('2026-12-01T09:00:00Z');
    const weak: number[] = [];
    for (let d = 0; d < 10; d++) {
      const at = new Date(base + d * 86_400_000);
      await challenges.post(port(ws), 'C1', at);
      const a = await challenges.answer(port(ws), 'C1', 'weak', 'Wanda', null, { text: 'je le rappelle', lang: 'fr' }, at); // 3 points
      if (a.kind === 'recorded') weak.push(a.answer.streakBonus);
      if (d % 2 === 0) await challenges.answer(port(ws), 'C1', 'strong', 'Sol', null, { text: 'un deux trois quatre cinq six sept huit neuf dix', lang: 'fr' }, at); // 10 points
    }
    // Weak: 10 answers × 3 points = 30, bonuses 0,0,1,1,1,2,2,2,2,2 = 13 → 43. Strong: 5 × 10 = 50, no streak.
    expect(weak).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 2, 2]);
    const board = ws.read((data) => channelBoard(data, 'C1', 'weak', '2026-12-10'));
    expect(board.allTime.map((e) => [e.rank, e.name, e.points])).toEqual([[1, 'Sol', 50], [2, 'Wanda', 43]]);
    // Under the old rule (+1 a day up to +5 whatever the answer), Wanda would have had 30 + 35 = 65 and led.
    expect(30 + [0, 1, 2, 3, 4, 5, 5, 5, 5, 5].reduce((s, b) => s + b, 0)).toBeGreaterThan(50);
    expect(board.me).toMatchObject({ allTimeRank: 2, points: 43, answers: 10, streak: 10 });
    const log = await ws.readLog();
    expect(log.filter((e) => e.user === 'weak' && e.kind === 'streak').map((e) => e.delta)).toEqual([1, 1, 1, 2, 2, 2, 2, 2]);
  });
});

describe('boards', () => {
  function workspace(): WorkspaceData {
    const ws = emptyWorkspace();
    const ch = (ws.channels.C1 = emptyChannel());
    ch.challenges.push({ id: '2026-12-07-a', scenarioId: 'a', day: '2026-12-07', postedAt: '', revealAt: null, revealedAt: 'x', answers: {} });
    const put = (user: string, name: string, points: number, week: string, weekPoints: number, answers: number) => {
      ws.members[user] = { name };
      ch.totals[user] = { points, week, weekPoints, streak: 1, bestStreak: 1, lastDay: '2026-12-07', answers };
    };
    put('ua', 'Alice', 10, '2026-W50', 10, 1);
    put('ub', 'Bob', 10, '2026-W50', 10, 1);
    put('uc', 'Carl', 0, '2026-W50', 0, 1); // answered, scored 0
    put('ud', 'Dana', 0, '2026-W50', 0, 1);
    put('ue', 'Eve', -3, '2026-W50', -3, 0); // only an award, negative
    put('uf', 'Finn', 7, '2026-W49', 7, 1); // took part last week only
    return ws;
  }

  test('0 points rank after the others, ties share a rank (1, 1, 3), negatives last', () => {
    const board = channelBoard(workspace(), 'C1', 'uc', '2026-12-09');
    expect(board.allTime.map((e) => [e.rank, e.name, e.points])).toEqual([[1, 'Alice', 10], [1, 'Bob', 10], [3, 'Finn', 7], [4, 'Carl', 0], [4, 'Dana', 0], [6, 'Eve', -3]]);
    expect(board.week.map((e) => [e.rank, e.name, e.points])).toEqual([[1, 'Alice', 10], [1, 'Bob', 10], [3, 'Carl', 0], [3, 'Dana', 0], [5, 'Eve', -3]]);
    expect(board.me).toEqual({ weekRank: 3, allTimeRank: 4, weekPoints: 0, points: 0, answers: 1, streak: 1 });
  });

  test('the asker’s own line: real totals even when hidden or not this week; none only for someone who never took part', () => {
    const ws = workspace();
    ws.members.uc!.optOut = true;
    const hidden = channelBoard(ws, 'C1', 'uc', '2026-12-09');
    expect(hidden.allTime.map((e) => e.name)).not.toContain('Carl');
    expect(hidden.allTime.find((e) => e.name === 'Dana')!.rank).toBe(4); // Carl still counts in the ranks
    expect(hidden.me).toMatchObject({ weekRank: 3, allTimeRank: 4, points: 0, answers: 1 });
    expect(channelBoard(ws, 'C1', 'uf', '2026-12-09').me).toEqual({ weekRank: null, allTimeRank: 3, weekPoints: 0, points: 7, answers: 1, streak: 1 });
    expect(channelBoard(ws, 'C1', 'nobody', '2026-12-09').me).toBeNull();
  });

  test('names are cleaned on the way out, and a member without a name has none (never the raw id)', () => {
    const ws = workspace();
    ws.members.ua!.name = 'Ali\u202Ece';
    delete ws.members.ub!.name;
    const names = channelBoard(ws, 'C1', 'ua', '2026-12-09').allTime.map((e) => e.name);
    expect(names).toEqual(['Alice', undefined, 'Finn', 'Carl', 'Dana', 'Eve']);
  });

  test('the streak shown is the live one: kept while it can go on, 0 once a challenge was missed', () => {
    const ch = emptyChannel();
    const t = { ...totals('2026-12-02', 3) };
    const challenge = (day: string, revealed: boolean) => ({ id: `${day}-x`, scenarioId: 'x', day, postedAt: '', revealAt: null, revealedAt: revealed ? 'r' : null, answers: {} });
    expect(liveStreak(ch, t)).toBe(0);
    ch.challenges.push(challenge('2026-12-01', true), challenge('2026-12-02', true));
    expect(liveStreak(ch, t)).toBe(3);
    ch.challenges.push(challenge('2026-12-03', false)); // open: today's can still be answered
    expect(liveStreak(ch, t)).toBe(3);
    ch.challenges.at(-1)!.revealedAt = 'r'; // closed without an answer
    expect(liveStreak(ch, t)).toBe(0);
    expect(liveStreak(undefined, t)).toBe(0);
    expect(liveStreak(ch, undefined)).toBe(0);
  });

  test('/leaderboard all: the same competition ranking (two teams tied at 5 are 1 and 1, the next is 3)', () => {
    const ws = emptyWorkspace();
    const now = new Date('2026-12-09T15:00:00Z');
    for (const [id, name, points] of [['C1', 'support', 5], ['C2', undefined, 5], ['C3', 'réseau', 2], ['C4', 'terrain', 0]] as const) {
      ws.channels[id] = { ...emptyChannel(), ...(name ? { name } : {}) };
      applyAward(ws, id, `u-${id}`, points || 1, 'x', 'admin', now, '2026-12-09');
      if (!points) applyAward(ws, id, `u-${id}`, -1, 'x', 'admin', now, '2026-12-09');
    }
    ws.channels.C5 = emptyChannel(); // nobody took part: not a team on the board
    const board = teamsBoard(ws, '2026-12-09');
    expect(board.map((t) => [t.rank, t.channel, t.name, t.points, t.members])).toEqual([
      [1, 'C1', 'support', 5, 1], [1, 'C2', undefined, 5, 1], [3, 'C3', 'réseau', 2, 1], [4, 'C4', 'terrain', 0, 1],
    ]);
  });

  test('ranker: one plus the number of strictly higher scores', () => {
    const rank = ranker([10, 10, 7, 0, 0, -3]);
    expect([10, 7, 0, -3, 11, 5].map(rank)).toEqual([1, 3, 4, 6, 1, 4]);
    expect(ranker([])(0)).toBe(1);
  });
});

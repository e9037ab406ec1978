// Points, streaks, awards and leaderboards. Running totals are updated with each score change and an
// append-only log records every change, so a leaderboard never scans the answer history.
import type { MemberTotals, WorkspaceData } from '../store/schema.js';
import { emptyChannel, emptyTotals } from './channel-defaults.js';
import { isoWeek } from './time.js';

/** Extra points per consecutive challenge day beyond the first, up to this many. */
export const MAX_STREAK_BONUS = 5;

export function streakBonus(totals: MemberTotals | undefined, previousChallengeDay: string | null, day: string): { streak: number; bonus: number } {
  const continues = totals?.lastDay !== null && totals?.lastDay !== undefined && totals.lastDay === previousChallengeDay && totals.lastDay !== day;
  const streak = continues ? totals!.streak + 1 : 1;
  return { streak, bonus: Math.min(streak - 1, MAX_STREAK_BONUS) };
}

export interface ScoreChange {
  day: string;
  at: Date;
  score: number;
  bonus: number;
  streak: number;
  challengeId: string;
}

function totalsFor(ws: WorkspaceData, channelId: string, user: string, week: string): MemberTotals {
  const channel = (ws.channels[channelId] ??= emptyChannel());
  const totals = (channel.totals[user] ??= emptyTotals(week));
  if (totals.week !== week) {
    totals.week = week;
    totals.weekPoints = 0;
  }
  return totals;
}

export function applyScore(ws: WorkspaceData, channelId: string, user: string, change: ScoreChange): void {
  const totals = totalsFor(ws, channelId, user, isoWeek(change.day));
  const gained = change.score + change.bonus;
  totals.points += gained;
  totals.weekPoints += gained;
  totals.streak = change.streak;
  totals.bestStreak = Math.max(totals.bestStreak, change.streak);
  totals.lastDay = change.day;
  totals.answers += 1;
  const at = change.at.toISOString();
  ws.scoreLog.push({ at, channel: channelId, user, delta: change.score, kind: 'answer', reason: `challenge ${change.challengeId}`, by: user, challengeId: change.challengeId });
  if (change.bonus > 0) {
    ws.scoreLog.push({ at, channel: channelId, user, delta: change.bonus, kind: 'streak', reason: `${change.streak}-day streak`, by: user, challengeId: change.challengeId });
  }
}

export const MAX_AWARD = 100;

export function applyAward(ws: WorkspaceData, channelId: string, user: string, points: number, reason: string, by: string, at: Date, day: string): MemberTotals {
  const totals = totalsFor(ws, channelId, user, isoWeek(day));
  totals.points += points;
  totals.weekPoints += points;
  ws.scoreLog.push({ at: at.toISOString(), channel: channelId, user, delta: points, kind: 'award', reason, by });
  return totals;
}

export interface BoardEntry {
  rank: number;
  user: string;
  name: string;
  points: number;
  streak: number;
}

export interface ChannelBoard {
  week: BoardEntry[];
  allTime: BoardEntry[];
  /** The asker's own standing, even when outside the top ten or opted out of the public boards. */
  me: { weekRank: number | null; allTimeRank: number | null; weekPoints: number; points: number; streak: number } | null;
}

export const TOP = 10;

export function channelBoard(ws: Readonly<WorkspaceData>, channelId: string, asker: string, today: string): ChannelBoard {
  const week = isoWeek(today);
  const totals = ws.channels[channelId]?.totals ?? {};
  // One pass over the team: both score columns, and the best public entries of each.
  const weekScores: number[] = [];
  const allScores: number[] = [];
  const weekTop: Candidate[] = [];
  const allTop: Candidate[] = [];
  for (const user in totals) {
    const t = totals[user]!;
    const w = t.week === week ? t.weekPoints : 0;
    if (w > 0) weekScores.push(w);
    if (t.points > 0) allScores.push(t.points);
    if (ws.members[user]?.optOut) continue;
    if (w > 0) keepBest(weekTop, { user, points: w, streak: t.streak });
    if (t.points > 0) keepBest(allTop, { user, points: t.points, streak: t.streak });
  }
  const weekRanks = ranker(weekScores);
  const allRanks = ranker(allScores);
  const entries = (top: Candidate[], rank: (points: number) => number | null): BoardEntry[] =>
    top.map((e) => ({ rank: rank(e.points)!, user: e.user, name: ws.members[e.user]?.name ?? e.user, points: e.points, streak: e.streak }));
  const mine = totals[asker];
  const myWeek = mine && mine.week === week ? mine.weekPoints : 0;
  return {
    week: entries(weekTop, weekRanks),
    allTime: entries(allTop, allRanks),
    me: mine ? { weekRank: weekRanks(myWeek), allTimeRank: allRanks(mine.points), weekPoints: myWeek, points: mine.points, streak: mine.streak } : null,
  };
}

interface Candidate { user: string; points: number; streak: number }

/** Keeps the TOP best candidates, sorted, as they stream by. */
function keepBest(best: Candidate[], candidate: Candidate): void {
  if (best.length === TOP && candidate.points <= best[TOP - 1]!.points) return;
  let i = best.length;
  while (i > 0 && best[i - 1]!.points < candidate.points) i--;
  best.splice(i, 0, candidate);
  if (best.length > TOP) best.pop();
}

/** Competition rank ("1, 2, 2, 4") of a score among all scores, by binary search on a sorted copy. */
function ranker(scores: number[]): (points: number) => number | null {
  const sorted = Float64Array.from(scores).sort(); // ascending
  return (points) => {
    if (points <= 0) return null;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= points) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length - lo + 1; // those strictly above, plus one
  };
}

export interface TeamEntry { rank: number; channel: string; name: string; points: number; weekPoints: number; members: number }

/** The workspace's teams (channels), ranked by all-time points; one workspace only. */
export function teamsBoard(ws: Readonly<WorkspaceData>, today: string): TeamEntry[] {
  const week = isoWeek(today);
  const teams = Object.entries(ws.channels)
    .map(([channel, data]) => {
      const totals = Object.values(data.totals);
      return {
        channel,
        name: data.name ?? channel,
        points: totals.reduce((s, t) => s + t.points, 0),
        weekPoints: totals.reduce((s, t) => s + (t.week === week ? t.weekPoints : 0), 0),
        members: totals.length,
      };
    })
    .filter((t) => t.members > 0)
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
  return teams.slice(0, TOP).map((t, i) => ({ rank: i + 1, ...t }));
}

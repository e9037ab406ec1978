// Points, streaks, awards and leaderboards. Running totals are updated with each score change and an
// append-only log records every change, so a leaderboard never scans the answer history.
import type { ChallengeData, ChannelData, MemberTotals, WorkspaceData } from '../store/schema.js';
import type { ChannelBoardData, TeamRow } from '../store/port.js';
import { cleanName } from '../text/display-name.js';
import { emptyChannel, emptyTotals } from './channel-defaults.js';
import { isoWeek } from './time.js';
import { ranker } from '../store/ranking.js';

/**
 * Streak bonus, in tenths of the answer's own points per consecutive challenge day beyond the first, up
 * to this many tenths: a 2nd day in a row earns +10 % of the answer's points, a 6th and later +50 %.
 */
export const MAX_STREAK_TENTHS = 5;

/**
 * The streak an answer on `day` makes, and its bonus. The streak counts consecutive challenge days the
 * member answered in this channel (any answer, even one worth 0 points, keeps it going); it continues when
 * the member's last answered day is the channel's previous challenge day. The bonus is proportional to the
 * answer's own points, so it never outweighs the answers themselves:
 * `bonus = round(points × min(streak − 1, 5) / 10)` (0 points: no bonus; 10 points on a 6-day streak: +5).
 * Rounding is half up (Math.round), on whole points.
 */
export function streakBonus(totals: MemberTotals | undefined, previousChallengeDay: string | null, day: string, points: number): { streak: number; bonus: number } {
  const continues = totals?.lastDay !== null && totals?.lastDay !== undefined && totals.lastDay === previousChallengeDay && totals.lastDay !== day;
  const streak = continues ? totals!.streak + 1 : 1;
  return { streak, bonus: Math.max(0, Math.round((points * Math.min(streak - 1, MAX_STREAK_TENTHS)) / 10)) };
}

/**
 * The member's streak as it stands today in this channel: their recorded streak while it can still go on
 * (their last answered day is the channel's latest challenge, or the one before while the latest is still
 * open), else 0 (they missed a challenge since). Boards show this, never a streak that is already broken.
 */
export function liveStreak(channel: { challenges: readonly Pick<ChallengeData, 'day' | 'revealedAt'>[] } | undefined | null, totals: Readonly<MemberTotals> | undefined): number {
  if (!channel || !totals?.lastDay) return 0;
  const last = channel.challenges.at(-1);
  if (!last) return 0;
  if (last.day === totals.lastDay) return totals.streak;
  const before = channel.challenges.at(-2);
  return !last.revealedAt && before?.day === totals.lastDay ? totals.streak : 0;
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
  /** Competition rank ("1, 1, 3"): one plus the number of entries with strictly more points. */
  rank: number;
  user: string;
  /** The member's display name, cleaned (cleanName); undefined when none is known (never the raw id). */
  name: string | undefined;
  points: number;
  /** The live streak (liveStreak). */
  streak: number;
}

export interface MyStanding {
  /** Null only when the member took no part in the period (no answer, no award). */
  weekRank: number | null;
  allTimeRank: number | null;
  weekPoints: number;
  points: number;
  /** Challenges answered in this channel, whatever they scored. */
  answers: number;
  streak: number;
}

export interface ChannelBoard {
  week: BoardEntry[];
  allTime: BoardEntry[];
  /** The asker's own standing, even when outside the top ten or opted out; null: never took part here. */
  me: MyStanding | null;
}

export const TOP = 10;

/**
 * The channel's boards: everyone who took part (answered a challenge or received an award), whatever
 * their points: 0 points ranks after every positive score and before negative ones, ties share a rank.
 * The week board holds those who took part this ISO week. Opted-out members are ranked (so the others'
 * ranks are true) but not listed; the asker always gets their own line.
 */
export function channelBoard(ws: Readonly<WorkspaceData>, channelId: string, asker: string, today: string): ChannelBoard {
  const week = isoWeek(today);
  const channel = ws.channels[channelId];
  const totals = channel?.totals ?? {};
  // One pass over the team: both score columns, and the best public entries of each.
  const weekScores: number[] = [];
  const allScores: number[] = [];
  const weekTop: Candidate[] = [];
  const allTop: Candidate[] = [];
  for (const user in totals) {
    const t = totals[user]!;
    const thisWeek = t.week === week;
    if (thisWeek) weekScores.push(t.weekPoints);
    allScores.push(t.points);
    if (ws.members[user]?.optOut) continue;
    if (thisWeek) keepBest(weekTop, { user, points: t.weekPoints });
    keepBest(allTop, { user, points: t.points });
  }
  const weekRank = ranker(weekScores);
  const allRank = ranker(allScores);
  const entries = (top: Candidate[], rank: (points: number) => number): BoardEntry[] =>
    top.map((e) => ({ rank: rank(e.points), user: e.user, name: memberName(ws, e.user), points: e.points, streak: liveStreak(channel, totals[e.user]) }));
  const mine = totals[asker];
  const mineThisWeek = mine?.week === week;
  return {
    week: entries(weekTop, weekRank),
    allTime: entries(allTop, allRank),
    me: mine
      ? {
          weekRank: mineThisWeek ? weekRank(mine.weekPoints) : null,
          allTimeRank: allRank(mine.points),
          weekPoints: mineThisWeek ? mine.weekPoints : 0,
          points: mine.points,
          answers: mine.answers,
          streak: liveStreak(channel, mine),
        }
      : null,
  };
}

/** A member's display name, cleaned; undefined when the store has none. */
export function memberName(ws: Readonly<WorkspaceData>, user: string): string | undefined {
  return Object.hasOwn(ws.members, user) ? cleanName(ws.members[user]?.name) : undefined;
}

interface Candidate { user: string; points: number }

/** Keeps the TOP best candidates, sorted by points (ties in arrival order), as they stream by. */
function keepBest(best: Candidate[], candidate: Candidate): void {
  if (best.length === TOP && candidate.points <= best[TOP - 1]!.points) return;
  let i = best.length;
  while (i > 0 && best[i - 1]!.points < candidate.points) i--;
  best.splice(i, 0, candidate);
  if (best.length > TOP) best.pop();
}

/** The competition ranking of every board (store/ranking.ts). */
export { ranker };

export interface TeamEntry {
  /** Competition rank, as on the channel boards. */
  rank: number;
  channel: string;
  /** The channel's display name, cleaned; undefined when none was ever seen. */
  name: string | undefined;
  points: number;
  weekPoints: number;
  members: number;
}

/** The workspace's teams (channels where someone took part), ranked by all-time points; one workspace only. */
export function teamsBoard(ws: Readonly<WorkspaceData>, today: string): TeamEntry[] {
  const week = isoWeek(today);
  const teams = Object.entries(ws.channels)
    .map(([channel, data]) => {
      const totals = Object.values(data.totals);
      return {
        channel,
        name: cleanName(data.name),
        points: totals.reduce((s, t) => s + t.points, 0),
        weekPoints: totals.reduce((s, t) => s + (t.week === week ? t.weekPoints : 0), 0),
        members: totals.length,
      };
    })
    .filter((t) => t.members > 0)
    .sort((a, b) => b.points - a.points || Number(!a.name) - Number(!b.name) || (a.name ?? '').localeCompare(b.name ?? '') || a.channel.localeCompare(b.channel));
  const rank = ranker(teams.map((t) => t.points));
  return teams.slice(0, TOP).map((t) => ({ rank: rank(t.points), ...t }));
}

/**
 * The board the messages show, from the store port's rows (WorkspacePort.channelBoard): names cleaned,
 * streaks made live from the channel's latest challenges (liveStreak).
 */
export function boardOf(data: ChannelBoardData, channel: { challenges: readonly Pick<ChallengeData, 'day' | 'revealedAt'>[] } | null): ChannelBoard {
  const entries = (rows: ChannelBoardData['week']): BoardEntry[] =>
    rows.map((r) => ({ rank: r.rank, user: r.user, name: cleanName(r.name), points: r.points, streak: liveStreak(channel, r.totals) }));
  const me = data.viewer;
  return {
    week: entries(data.week),
    allTime: entries(data.allTime),
    me: me
      ? {
          weekRank: me.weekRank,
          allTimeRank: me.allTimeRank,
          weekPoints: me.weekRank === null ? 0 : me.totals.weekPoints,
          points: me.totals.points,
          answers: me.totals.answers,
          streak: liveStreak(channel, me.totals),
        }
      : null,
  };
}

/** The teams board the messages show, from the port's rows (WorkspacePort.teamsBoard): names cleaned. */
export function teamsOf(rows: readonly TeamRow[]): TeamEntry[] {
  return rows.map((r) => ({ ...r, name: cleanName(r.name) }));
}

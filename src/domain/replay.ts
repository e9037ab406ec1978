// Bringing recorded score changes back into the running totals: what `coach restore` does with the score
// log lines made after a backup was taken, so restoring a backup never loses a confirmed point. The log
// holds every change as it happened (scores.ts: an answer, its streak bonus, an award), so the points are
// exact; the streak counter is worked out again with the domain's own rule (consecutive challenge days).
// A challenge answered after the backup was taken is not in it: it is rebuilt from its answers (its id
// names its day and scenario), so it is neither posted nor answered a second time that day.
import type { ScoreEvent, WorkspaceData } from '../store/schema.js';
import { emptyChannel, emptyTotals } from './channel-defaults.js';
import { dayInZone, isoWeek } from './time.js';

/** What a replay brought back, for the person running the restore. */
export interface ReplaySummary {
  events: number;
  /** Points added, all members together. */
  points: number;
  /** Members whose totals changed. */
  members: number;
  /** Answers marked on challenges the data holds (so nobody can answer them twice). */
  answersMarked: number;
  /**
   * Challenges answered in the replayed events that the data did not hold (posted after the backup),
   * rebuilt: day, scenario, answers (their choice unknown), posted at their first answer, the debrief
   * left to the next post (or /coach reveal).
   */
  rebuiltChallenges: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * Replays `events` (oldest first, one workspace's) into `ws`: points and this week's points for every
 * kind; for answers, the answer count, the last day, the streak (continued when the last day answered is
 * the channel's previous challenge day, as scores.streakBonus decides) and the answer marked on its
 * challenge when the data still holds it. `timeZone(channel)`: the channel's time zone, for the day of an
 * award. Mutates `ws`; never throws on odd events (they still count their points).
 */
export function replayScoreEvents(ws: WorkspaceData, events: readonly ScoreEvent[], timeZone: (channel: string) => string): ReplaySummary {
  const summary: ReplaySummary = { events: 0, points: 0, members: 0, answersMarked: 0, rebuiltChallenges: rebuildChallenges(ws, events) };
  const touched = new Set<string>();
  /** Challenge days per channel: those the data holds, and those of answers replayed so far. */
  const days = new Map<string, Set<string>>();
  const daysOf = (channel: string): Set<string> => {
    let set = days.get(channel);
    if (!set) days.set(channel, (set = new Set((ws.channels[channel]?.challenges ?? []).map((c) => c.day))));
    return set;
  };
  for (const event of events) {
    const delta = typeof event.delta === 'number' && Number.isFinite(event.delta) ? event.delta : 0;
    const challengeDay = event.challengeId && DAY.test(event.challengeId) ? event.challengeId.slice(0, 10) : null;
    const at = new Date(event.at);
    // An event whose time cannot be read still counts its points, but in no week.
    const day = challengeDay ?? (Number.isNaN(at.getTime()) ? null : dayInZone(at, timeZone(event.channel)));
    const channel = (ws.channels[event.channel] ??= emptyChannel());
    const week = day === null ? null : isoWeek(day);
    const totals = (channel.totals[event.user] ??= emptyTotals(week ?? ''));
    // The log keeps no names: a member first seen after the backup comes back nameless, and is named
    // again by the platform (a board looks nameless members up) or when they next speak.
    ws.members[event.user] ??= {};
    // An adjustment (issue 14) is dated by its challenge's day but made later: it moves this week's
    // points only when that challenge is of the member's current week, as the review queue does.
    const adjust = event.kind === 'adjust';
    if (week !== null && totals.week !== week && !adjust) {
      totals.week = week;
      totals.weekPoints = 0;
    }
    totals.points += delta;
    if (week !== null && totals.week === week) totals.weekPoints += delta;
    summary.events += 1;
    summary.points += delta;
    touched.add(`${event.channel}\u0000${event.user}`);
    if (event.kind === 'answer' && day !== null) {
      const known = daysOf(event.channel);
      const previous = [...known].filter((d) => d < day).sort().at(-1) ?? null;
      const continues = totals.lastDay !== null && totals.lastDay === previous && totals.lastDay !== day;
      totals.streak = continues ? totals.streak + 1 : totals.lastDay === day ? totals.streak : 1;
      totals.bestStreak = Math.max(totals.bestStreak, totals.streak);
      totals.lastDay = day;
      totals.answers += 1;
      known.add(day);
    }
    if ((event.kind === 'answer' || event.kind === 'streak') && event.challengeId) {
      const challenge = channel.challenges.find((c) => c.id === event.challengeId);
      if (challenge && !challenge.summary) {
        const answer = challenge.answers[event.user];
        if (event.kind === 'answer' && !answer) {
          // The choice and the grade's details are not in the log: an answer in the person's own words.
          challenge.answers[event.user] = { at: event.at, choice: null, covered: [], missed: [], flags: [], score: delta, streakBonus: 0 };
          summary.answersMarked += 1;
        } else if (event.kind === 'streak' && answer) {
          answer.streakBonus += delta;
        }
      }
    }
    if (adjust && event.challengeId) {
      const answer = channel.challenges.find((c) => c.id === event.challengeId)?.answers[event.user];
      if (answer) answer.score += delta;
    }
  }
  summary.members = touched.size;
  return summary;
}

/**
 * Adds the challenges answered in `events` that `ws` does not hold, in day order after the channel's
 * own (as Challenges.post would have: the one before is closed when the next is posted, the rotation
 * moves past its scenario). Returns their ids.
 */
function rebuildChallenges(ws: WorkspaceData, events: readonly ScoreEvent[]): string[] {
  const firstAnswer = new Map<string, { channel: string; id: string; at: string }>();
  for (const event of events) {
    if (event.kind !== 'answer' || !event.challengeId || !/^\d{4}-\d{2}-\d{2}-./.test(event.challengeId)) continue;
    const key = `${event.channel}\u0000${event.challengeId}`;
    if (firstAnswer.has(key) || ws.channels[event.channel]?.challenges.some((c) => c.id === event.challengeId)) continue;
    firstAnswer.set(key, { channel: event.channel, id: event.challengeId, at: event.at });
  }
  const rebuilt = [...firstAnswer.values()].sort((a, b) => a.id.slice(0, 10).localeCompare(b.id.slice(0, 10)) || a.at.localeCompare(b.at));
  for (const { channel: channelId, id, at } of rebuilt) {
    const channel = (ws.channels[channelId] ??= emptyChannel());
    const day = id.slice(0, 10);
    const last = channel.challenges.at(-1);
    if (last && last.day > day) continue; // older than what the data holds: its points count, nothing to rebuild
    if (last && !last.revealedAt) last.revealedAt = at;
    const scenarioId = id.slice(11);
    channel.challenges.push({ id, scenarioId, day, postedAt: at, revealAt: null, revealedAt: null, answers: {} });
    const rotation = channel.rotation;
    if (rotation.order[rotation.next] === scenarioId) rotation.next += 1;
  }
  return rebuilt.filter(({ channel, id }) => ws.channels[channel]!.challenges.some((c) => c.id === id)).map((r) => r.id);
}

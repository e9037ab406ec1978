// The weekly recap's figures (issue 14), computed from what the store already keeps: each challenge's
// answers (or, for older ones, its summary counts) for the team's day-by-day figures, and the score log's
// `answer` events for each member's. Pure: the caller reads the data (src/core/recap/recap-data.ts).
//
// Rules: a score is an answer's own points out of 10 (streak bonuses and awards apart); "the week" is the
// ISO week (Monday to Sunday) of the recap's day in the channel's time zone; the trend covers that week
// and the three before. Named lists follow the boards' rules: members who opted out of the public boards
// (and ids without a member record, such as a forgotten member's pseudonym) are counted, never named.
import type { Library } from '../../content/model.js';
import type { ChannelData, ScoreEvent, WorkspaceData } from '../../store/schema.js';
import { liveStreak, memberName } from '../scores.js';
import { addDays, dayInZone, isoWeek } from '../time.js';
import { mondayOf } from './recap-slot.js';

/** Weeks in the trend and the chart: the recap's week and the three before it. */
export const TREND_WEEKS = 4;
/** How many rubric points, streaks and names the recap lists at most. */
export const TOP_MISSED = 3;
export const TOP_STREAKS = 3;

export interface DayFigure {
  /** YYYY-MM-DD, a day with a challenge. */
  day: string;
  /** Answers to that day's challenge (one per member). */
  answers: number;
  /** Mean score of those answers, out of 10, rounded to a tenth; null without answers. */
  average: number | null;
  /** The sum of those answers' scores (week averages are computed from sums, never from rounded means). */
  scoreSum: number;
}

export interface WeekFigure {
  /** ISO week, e.g. 2026-W48. */
  week: string;
  /** Monday of that week (YYYY-MM-DD). */
  monday: string;
  challenges: number;
  answers: number;
  /** Mean score out of 10 of that week's answers; null without answers. */
  average: number | null;
}

export interface Participant {
  user: string;
  /** Display name as the store keeps it; undefined when none is known (shown as a neutral label). */
  name: string | undefined;
  /** How many of the week's challenges they answered. */
  answered: number;
}

export interface MissedPoint {
  scenarioId: string;
  pointId: string;
  /** Free-text answers to that scenario this week that missed the point. */
  missed: number;
  /** Free-text answers to that scenario this week (the point was graded in each). */
  graded: number;
  /** The playbooks the scenario sends people to (content ids), first the one to review. */
  playbooks: string[];
}

export interface Improvement {
  user: string;
  name: string | undefined;
  /** Their mean score the three weeks before, and this week, out of 10. */
  before: number;
  after: number;
}

export interface IncidentOfWeek {
  id: string;
  title: string;
  drill: boolean;
  resolved: boolean;
  /** A drill's score, when it was scored. */
  score?: { points: number; max: number };
}

export interface RecapFigures {
  week: string;
  monday: string;
  /** The week's challenge days, in order. */
  days: string[];
  /** Members who answered at least once this week, by answers then name; opted-out members excluded. */
  participants: Participant[];
  /** Members who answered this week but are not named (opted out of the boards, or forgotten). */
  unnamed: number;
  /** Everyone who answered this week, named or not. */
  participantCount: number;
  answers: number;
  /** This week's mean score out of 10; null without answers. */
  average: number | null;
  /** The four weeks, oldest first; the last one is this week. */
  trend: WeekFigure[];
  /** Every challenge day of the four weeks, oldest first (the chart's data). */
  daily: DayFigure[];
  /** This week's answers in people's own words (the only ones the rubric grades point by point). */
  freeTextAnswers: number;
  /** The rubric points missed most this week (by count, then share), at most TOP_MISSED. */
  missed: MissedPoint[];
  /** The best live streaks (consecutive challenge days answered), longer than 1, named members only. */
  streaks: { user: string; name: string | undefined; streak: number }[];
  /** The named member whose mean rose most against the three weeks before (both measured); null if nobody rose. */
  improved: Improvement | null;
  /** Incidents and drills opened this week in the channel. */
  incidents: IncidentOfWeek[];
}

/** What the figures are computed from: one channel of one workspace, and that channel's score events. */
export interface RecapInput {
  ws: Readonly<WorkspaceData>;
  channelId: string;
  /** The recap's day (YYYY-MM-DD, the channel's time zone): its ISO week is the recap's week. */
  day: string;
  /** The channel's score events (any order); others are ignored. */
  log: readonly ScoreEvent[];
  library: Pick<Library, 'scenarios'>;
  /** The channel's time zone (an incident's day is its start's day there). */
  timeZone: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (sum: number, n: number) => (n > 0 ? round1(sum / n) : null);

/** Whether a member may be named in public posts (the boards' rule). */
export function isNamed(ws: Readonly<WorkspaceData>, user: string): boolean {
  return Object.hasOwn(ws.members, user) && ws.members[user]?.optOut !== true;
}

/** The challenge day of an answer event (challenge ids start with it), or null. */
function dayOfEvent(event: ScoreEvent): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})-/.exec(event.challengeId ?? '');
  return match ? match[1]! : null;
}

/** The recap's figures. Pure; `input.log` may hold other channels' events (they are skipped). */
export function recapFigures(input: RecapInput): RecapFigures {
  const { ws, channelId, library } = input;
  const channel: Readonly<ChannelData> | undefined = ws.channels[channelId];
  const monday = mondayOf(input.day);
  const firstMonday = addDays(monday, -7 * (TREND_WEEKS - 1));
  const sunday = addDays(monday, 6);
  const week = isoWeek(monday);
  const inRange = (day: string, from: string, to: string) => day >= from && day <= to;

  // Team figures per challenge day, from each challenge's answers, or its summary once compacted.
  const daily: DayFigure[] = [];
  const weekChallenges = [];
  for (const challenge of channel?.challenges ?? []) {
    if (!inRange(challenge.day, firstMonday, sunday)) continue;
    const answers = Object.values(challenge.answers);
    const count = challenge.summary ? challenge.summary.answers : answers.length;
    const sum = challenge.summary ? challenge.summary.scoreSum : answers.reduce((s, a) => s + a.score, 0);
    const previous = daily.at(-1);
    if (previous?.day === challenge.day) continue; // one challenge a day; an admin's extra post the same day is not counted twice
    daily.push({ day: challenge.day, answers: count, average: mean(sum, count), scoreSum: sum });
    if (inRange(challenge.day, monday, sunday)) weekChallenges.push(challenge);
  }
  const trend: WeekFigure[] = [];
  for (let w = 0; w < TREND_WEEKS; w++) {
    const from = addDays(firstMonday, 7 * w);
    const days = daily.filter((d) => inRange(d.day, from, addDays(from, 6)));
    const answers = days.reduce((s, d) => s + d.answers, 0);
    const sum = days.reduce((s, d) => s + d.scoreSum, 0);
    trend.push({ week: isoWeek(from), monday: from, challenges: days.length, answers, average: mean(sum, answers) });
  }

  // Each member's answers, from the score log (the one record that keeps every answer's score).
  const perMember = new Map<string, { week: number; weekSum: number; before: number; beforeSum: number }>();
  for (const event of input.log) {
    if (event.channel !== channelId || event.kind !== 'answer') continue;
    const day = dayOfEvent(event);
    if (!day || !inRange(day, firstMonday, sunday)) continue;
    const m = perMember.get(event.user) ?? { week: 0, weekSum: 0, before: 0, beforeSum: 0 };
    if (day >= monday) { m.week += 1; m.weekSum += event.delta; } else { m.before += 1; m.beforeSum += event.delta; }
    perMember.set(event.user, m);
  }
  const participants: Participant[] = [];
  let unnamed = 0;
  let improved: Improvement | null = null;
  for (const [user, m] of perMember) {
    if (m.week === 0) continue;
    if (!isNamed(ws, user)) { unnamed += 1; continue; }
    const name = memberName(ws, user);
    participants.push({ user, name, answered: m.week });
    if (m.before > 0) {
      const before = m.beforeSum / m.before;
      const after = m.weekSum / m.week;
      const gain = after - before;
      if (gain > 0 && (!improved || gain > improved.after - improved.before || (gain === improved.after - improved.before && user < improved.user))) {
        improved = { user, name, before: round1(before), after: round1(after) };
      }
    }
  }
  participants.sort((a, b) => b.answered - a.answered || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.user.localeCompare(b.user));

  // The rubric points missed most, over this week's free-text answers (a choice grades no point).
  const missedCounts = new Map<string, MissedPoint>();
  const gradedByScenario = new Map<string, number>();
  let freeTextAnswers = 0;
  for (const challenge of weekChallenges) {
    const scenario = library.scenarios.find((s) => s.id === challenge.scenarioId);
    if (!scenario) continue;
    const graded = Object.values(challenge.answers).filter((a) => a.choice === null);
    freeTextAnswers += graded.length;
    gradedByScenario.set(challenge.scenarioId, (gradedByScenario.get(challenge.scenarioId) ?? 0) + graded.length);
    for (const answer of graded) {
      for (const pointId of answer.missed) {
        if (!scenario.fr.rubric.some((p) => p.id === pointId)) continue;
        const key = `${challenge.scenarioId}\n${pointId}`;
        const entry = missedCounts.get(key) ?? { scenarioId: challenge.scenarioId, pointId, missed: 0, graded: 0, playbooks: scenario.fr.playbooks };
        entry.missed += 1;
        missedCounts.set(key, entry);
      }
    }
  }
  // A point is graded in every free-text answer to its scenario this week (the same scenario may come twice).
  for (const entry of missedCounts.values()) entry.graded = gradedByScenario.get(entry.scenarioId) ?? entry.missed;
  const missed = [...missedCounts.values()]
    .sort((a, b) => b.missed - a.missed || b.missed / b.graded - a.missed / a.graded || a.scenarioId.localeCompare(b.scenarioId) || a.pointId.localeCompare(b.pointId))
    .slice(0, TOP_MISSED);

  const streaks = Object.entries(channel?.totals ?? {})
    .filter(([user]) => isNamed(ws, user))
    .map(([user, totals]) => ({ user, name: memberName(ws, user), streak: liveStreak(channel, totals) }))
    .filter((s) => s.streak > 1)
    .sort((a, b) => b.streak - a.streak || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.user.localeCompare(b.user))
    .slice(0, TOP_STREAKS);

  const incidents: IncidentOfWeek[] = (channel?.incidents ?? [])
    .filter((incident) => inRange(dayInZone(new Date(incident.startedAt), input.timeZone), monday, sunday))
    .map((incident) => ({
      id: incident.id,
      title: incident.title,
      drill: Boolean(incident.drill),
      resolved: incident.resolvedAt !== null,
      ...(incident.drill?.score ? { score: { points: incident.drill.score.points, max: incident.drill.score.max } } : {}),
    }));

  const thisWeek = trend.at(-1)!;
  return {
    week, monday, days: weekChallenges.map((c) => c.day).filter((d, i, all) => all.indexOf(d) === i),
    participants, unnamed, participantCount: participants.length + unnamed,
    answers: thisWeek.answers, average: thisWeek.average, trend, daily, freeTextAnswers, missed, streaks, improved, incidents,
  };
}

// Personal practice and profile (issue 14, item 4): spaced repetition over the scenarios a member met,
// and what their grades say about the principles they cover and miss. Pure functions on a member's
// PracticeData; the caller reads and writes the store.
//
// The spaced-repetition rule (Leitner boxes; every challenge answer and every practice answer counts):
// - a scenario's box after an answer scored s out of 10: s ≤ 4 → box 0; 5 ≤ s ≤ 7 → its box, at least 1;
//   s ≥ 8 → its box + 1 (at most 5). It is due again BOX_DAYS[box] days later: 1, 2, 4, 8, 16 or 32;
// - `/scenario practice` picks, among the scenarios due, the one scored worst (ties: due earliest, then
//   scenario order); when none is due, a scenario never met, in scenario order ("unseen ones fill in");
//   when every scenario was met and none is due, the one due soonest. So a badly handled situation comes
//   back the next day, and keeps coming back until it is handled well.
import type { PracticeData } from '../store/schema.js';

/** Days until a scenario is due again, by Leitner box. */
export const BOX_DAYS = [1, 2, 4, 8, 16, 32] as const;
/** Scores kept for the trend. */
export const RECENT_KEPT = 20;
const DAY_MS = 86_400_000;

export function emptyPractice(): PracticeData {
  return { cards: {}, principles: {}, recent: [], points: 0 };
}

/** The box after an answer scored `score` (0–10) from box `box` (see the rule above). */
export function nextBox(box: number, score: number): number {
  if (score <= 4) return 0;
  if (score <= 7) return Math.max(1, box);
  return Math.min(BOX_DAYS.length - 1, box + 1);
}

export interface Attempt {
  scenarioId: string;
  score: number;
  /** Rubric point ids covered and missed (free text only; empty for a choice). */
  covered: readonly string[];
  missed: readonly string[];
  at: Date;
  kind: 'challenge' | 'practice';
}

/** Records an answer in `p` (mutating it): its scenario's card, the principles, the recent scores. */
export function recordAttempt(p: PracticeData, a: Attempt): void {
  // A hand-edited record missing a part gets it back rather than failing the answer.
  if (typeof p.cards !== 'object' || p.cards === null) p.cards = {};
  if (typeof p.principles !== 'object' || p.principles === null) p.principles = {};
  if (!Array.isArray(p.recent)) p.recent = [];
  if (typeof p.points !== 'number') p.points = 0;
  const card = p.cards[a.scenarioId];
  const box = nextBox(card?.box ?? 0, a.score);
  p.cards[a.scenarioId] = { score: a.score, at: a.at.toISOString(), box, due: new Date(a.at.getTime() + BOX_DAYS[box]! * DAY_MS).toISOString(), seen: (card?.seen ?? 0) + 1 };
  for (const id of a.covered) (p.principles[id] ??= { covered: 0, missed: 0 }).covered += 1;
  for (const id of a.missed) (p.principles[id] ??= { covered: 0, missed: 0 }).missed += 1;
  p.recent.push({ at: a.at.toISOString(), score: a.score, kind: a.kind });
  if (p.recent.length > RECENT_KEPT) p.recent.splice(0, p.recent.length - RECENT_KEPT);
}

/** The scenario to practise now, from `scenarioIds` (in scenario order), by the rule above; null when there are none. */
export function pickPractice(p: Readonly<PracticeData> | undefined, scenarioIds: readonly string[], now: Date): string | null {
  const cards = p?.cards ?? {};
  const order = new Map(scenarioIds.map((id, i) => [id, i]));
  const seen = scenarioIds.filter((id) => Object.hasOwn(cards, id));
  const due = seen.filter((id) => Date.parse(cards[id]!.due) <= now.getTime());
  const byDue = (a: string, b: string) => Date.parse(cards[a]!.due) - Date.parse(cards[b]!.due) || order.get(a)! - order.get(b)!;
  if (due.length) return [...due].sort((a, b) => cards[a]!.score - cards[b]!.score || byDue(a, b))[0]!;
  const unseen = scenarioIds.find((id) => !Object.hasOwn(cards, id));
  if (unseen) return unseen;
  return [...seen].sort(byDue)[0] ?? null;
}

export interface Profile {
  /** Rubric point ids by times covered, most first (only those covered at least once), at most 3. */
  strongest: { id: string; covered: number; missed: number }[];
  /** Rubric point ids by times missed, most first (only those missed at least once), at most 3. */
  weakest: { id: string; covered: number; missed: number }[];
  /** Average of the last 5 scores, and of the 5 before (null when fewer than 2 scores in that window). */
  lastAverage: number | null;
  previousAverage: number | null;
  trend: 'up' | 'down' | 'steady' | 'unknown';
  /** Answers recorded (challenges and practice). */
  answers: number;
  practicePoints: number;
}

/** A point of average difference that counts as a trend (out of 10). */
export const TREND_POINTS = 1;

/** The member's profile: principles covered most and missed most, and the trend of their last scores. */
export function profileOf(p: Readonly<PracticeData> | undefined): Profile {
  const principles = Object.entries(p?.principles ?? {}).map(([id, c]) => ({ id, ...c }));
  const strongest = principles.filter((x) => x.covered > 0).sort((a, b) => b.covered - a.covered || a.missed - b.missed || a.id.localeCompare(b.id)).slice(0, 3);
  const weakest = principles.filter((x) => x.missed > 0).sort((a, b) => b.missed - a.missed || a.covered - b.covered || a.id.localeCompare(b.id)).slice(0, 3);
  const scores = (Array.isArray(p?.recent) ? p.recent : []).map((r) => r.score);
  const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);
  const last = scores.slice(-5);
  const before = scores.slice(-10, -5);
  const lastAverage = avg(last);
  const previousAverage = before.length ? avg(before) : null;
  const trend = lastAverage === null || previousAverage === null ? 'unknown'
    : lastAverage - previousAverage >= TREND_POINTS ? 'up'
    : previousAverage - lastAverage >= TREND_POINTS ? 'down' : 'steady';
  const answers = Object.values(p?.cards ?? {}).reduce((sum, c) => sum + c.seen, 0);
  return { strongest, weakest, lastAverage, previousAverage, trend, answers, practicePoints: p?.points ?? 0 };
}

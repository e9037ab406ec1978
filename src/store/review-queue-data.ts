// The review queue's data in the JSON document (issue 14, item 3): the rules of the port's review
// operations (port.ts, "Issue 14's data") applied to one workspace's slice. Pure functions on the
// document; the JSON store runs each inside one update (so each change is atomic), and
// forget-member.ts scrubs a forgotten member's items with scrubQueue. PostgreSQL applies the same rules
// in SQL (postgres/pg-port.ts), and the conformance suite checks both.
//
// Privacy: the words of a free-text answer are held (ReviewQueueData.held) only until the challenge's
// debrief, so their author can contest the grade; an item in the queue keeps them until it is reviewed;
// then they are deleted. Reviewed items keep the outcome (no words) for REVIEWED_KEPT_MS, so a second
// click on "Confirm" or "Adjust" is told it was already done, then they go too.
import { emptyTotals } from './defaults.js';
import type { AnswerData, ChallengeData, ReviewItem, ReviewQueueData, WorkspaceData } from './schema.js';

/** How long a reviewed item (without its words) is kept, so a repeated click is recognised (ms). */
export const REVIEWED_KEPT_MS = 30 * 86_400_000;
/** The longest reason a member or an admin may give (characters); longer ones are cut. */
export const MAX_REASON_CHARS = 500;

/** The workspace's queue, created when absent (a hand-edited one missing its lists gets them back). */
function queue(ws: WorkspaceData): ReviewQueueData {
  const q = (ws.reviewQueue ??= { next: 1, items: [] });
  if (!Array.isArray(q.items)) q.items = [];
  if (!Number.isInteger(q.next) || q.next < 1) q.next = q.items.reduce((max, i) => Math.max(max, Number(i.id) || 0), 0) + 1;
  return q;
}

/** The queue's items, oldest first (none when the field is absent or not a list). */
export function itemsOf(ws: Readonly<WorkspaceData>): readonly ReviewItem[] {
  const items = ws.reviewQueue?.items;
  return Array.isArray(items) ? items : [];
}

/** The items waiting for review, oldest first. */
export function waiting(ws: Readonly<WorkspaceData>): ReviewItem[] {
  return itemsOf(ws).filter((i) => !i.reviewed);
}

/** Holds a free-text answer's words until its challenge's debrief; false when some are held already for that answer. */
export function holdWords(ws: WorkspaceData, channel: string, challengeId: string, user: string, words: string): boolean {
  const q = queue(ws);
  if (!Array.isArray(q.held)) q.held = [];
  const held = q.held;
  if (held.some((h) => h.channel === channel && h.challengeId === challengeId && h.user === user)) return false;
  held.push({ channel, challengeId, user, words });
  return true;
}

function revealedOrGone(ws: Readonly<WorkspaceData>, h: { channel: string; challengeId: string }): boolean {
  const challenge = Object.hasOwn(ws.channels, h.channel) ? ws.channels[h.channel]!.challenges.find((c) => c.id === h.challengeId) : undefined;
  return !challenge || Boolean(challenge.revealedAt);
}

/** Drops held words whose challenge is revealed or gone; returns how many were dropped. */
export function dropRevealedWords(ws: WorkspaceData): number {
  const held = ws.reviewQueue?.held;
  if (!Array.isArray(held) || !held.length) return 0;
  const keep = held.filter((h) => !revealedOrGone(ws, h));
  const dropped = held.length - keep.length;
  if (dropped) ws.reviewQueue!.held = keep;
  return dropped;
}

/** Whether some held words wait for a debrief that already happened (a cheap check before an update). */
export function hasRevealedWords(ws: Readonly<WorkspaceData>): boolean {
  const held = ws.reviewQueue?.held;
  return Array.isArray(held) && held.some((h) => revealedOrGone(ws, h));
}

export type EnqueueResult = { kind: 'queued'; item: ReviewItem } | { kind: 'already'; item: ReviewItem } | { kind: 'reviewed'; item: ReviewItem } | { kind: 'no-answer' };

/** Why an answer goes to the queue: the grader's doubts (with the answer's words), or the member's reason. */
export type ReviewSource = { kind: 'unsure'; doubts: string[]; words?: string } | { kind: 'contested'; reason: string };

/**
 * Puts an answer in the queue. One item per answer: a contest of an answer already waiting (as unsure)
 * turns it into a contested item with the reason; a second contest, or a second unsure, is `already`; an
 * answer whose item was reviewed is `reviewed` (a review is final). The held words of the answer move
 * into the item (a choice answer keeps none).
 */
export function enqueue(ws: WorkspaceData, channel: string, challenge: Pick<ChallengeData, 'id' | 'scenarioId'>, user: string, answer: AnswerData, source: ReviewSource, now: Date): EnqueueResult {
  const q = queue(ws);
  const existing = q.items.find((i) => i.channel === channel && i.challengeId === challenge.id && i.user === user);
  if (existing?.reviewed) return { kind: 'reviewed', item: existing };
  if (existing) {
    if (source.kind === 'unsure' || existing.source === 'contested') return { kind: 'already', item: existing };
    existing.source = 'contested';
    existing.reason = source.reason.slice(0, MAX_REASON_CHARS);
    return { kind: 'queued', item: existing };
  }
  const heldAt = (Array.isArray(q.held) ? q.held : []).findIndex((h) => h.channel === channel && h.challengeId === challenge.id && h.user === user);
  const words = source.kind === 'unsure' ? source.words : heldAt >= 0 ? q.held![heldAt]!.words : undefined;
  if (heldAt >= 0) q.held!.splice(heldAt, 1);
  const item: ReviewItem = {
    id: String(q.next++),
    channel, challengeId: challenge.id, scenarioId: challenge.scenarioId, user,
    source: source.kind,
    ...(source.kind === 'unsure' ? { doubts: [...source.doubts] } : { reason: source.reason.slice(0, MAX_REASON_CHARS) }),
    ...(words && answer.choice === null ? { words } : {}),
    choice: answer.choice,
    score: answer.score, covered: [...answer.covered], missed: [...answer.missed], flags: [...answer.flags],
    ...(answer.lang ? { lang: answer.lang } : {}),
    at: now.toISOString(),
  };
  q.items.push(item);
  return { kind: 'queued', item };
}

export type SettleResult =
  | { kind: 'settled'; item: ReviewItem; delta: number }
  | { kind: 'already'; item: ReviewItem }
  | { kind: 'unknown' };

/** An admin's decision on an item (see settle). */
export interface ReviewDecision {
  by: string;
  action: 'confirm' | 'adjust';
  /** The new score (0–10, checked by the caller) for `adjust`. */
  score?: number;
  note?: string;
  /** The ISO week of a challenge day (YYYY-MM-DD): an adjustment counts in this week's points only when the challenge's week is the member's current one. */
  weekOf: (day: string) => string;
}

/**
 * Settles a waiting item: `confirm` keeps the score; `adjust` sets `score` with the admin's `note`. An
 * adjustment appends one `adjust` event (the difference, with reviewId) to the score log, moves the
 * member's channel totals by it (this week's points too when the challenge is of their current week)
 * and corrects the answer's grade where the challenge still keeps it. The words are dropped either way.
 * Idempotent: settling an item already reviewed changes nothing and says `already`.
 */
export function settle(ws: WorkspaceData, id: string, decision: ReviewDecision, now: Date): SettleResult {
  const item = itemsOf(ws).find((i) => i.id === id);
  if (!item) return { kind: 'unknown' };
  if (item.reviewed) return { kind: 'already', item };
  const score = decision.action === 'adjust' && decision.score !== undefined ? decision.score : item.score;
  const delta = score - item.score;
  const at = now.toISOString();
  const note = decision.note ? decision.note.slice(0, MAX_REASON_CHARS) : undefined;
  if (delta !== 0) {
    const channel = Object.hasOwn(ws.channels, item.channel) ? ws.channels[item.channel] : undefined;
    if (channel) {
      const week = decision.weekOf(item.challengeId.slice(0, 10));
      const totals = (channel.totals[item.user] ??= emptyTotals(week));
      totals.points += delta;
      if (totals.week === week) totals.weekPoints += delta;
      const answer = channel.challenges.find((c) => c.id === item.challengeId)?.answers[item.user];
      if (answer) answer.score = score;
    }
    ws.scoreLog.push({ at, channel: item.channel, user: item.user, delta, kind: 'adjust', reason: note ?? '', by: decision.by, challengeId: item.challengeId, reviewId: item.id });
  }
  delete item.words;
  item.reviewed = { by: decision.by, at, action: delta !== 0 ? 'adjust' : 'confirm', score, ...(note ? { note } : {}) };
  pruneReviewed(ws, now);
  return { kind: 'settled', item, delta };
}

/** Forgets reviewed items older than REVIEWED_KEPT_MS. */
export function pruneReviewed(ws: WorkspaceData, now: Date): void {
  const q = ws.reviewQueue;
  if (!q || !Array.isArray(q.items)) return;
  q.items = q.items.filter((i) => !i.reviewed || now.getTime() - Date.parse(i.reviewed.at) < REVIEWED_KEPT_MS);
}

/** A member's right to be forgotten: their items and held words go, a reviewer's id becomes `pseudonym`. Returns how many items and held words went. */
export function scrubQueue(ws: WorkspaceData, member: string, pseudonym: string): number {
  const q = ws.reviewQueue;
  if (!q) return 0;
  queue(ws);
  if (!Array.isArray(q.held)) q.held = [];
  const before = q.items.length + q.held.length;
  q.items = q.items.filter((i) => i.user !== member);
  for (const i of q.items) if (i.reviewed?.by === member) i.reviewed.by = pseudonym;
  q.held = q.held.filter((h) => h.user !== member);
  return before - q.items.length - q.held.length;
}

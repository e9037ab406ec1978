// The review queue (issue 14, item 3): grades the grader was unsure of and scores members contest wait
// here for an admin, who confirms or adjusts them. Its data rules (one item per answer, a review is
// final, an adjustment moves the totals once) are the store port's (port.ts, "Issue 14's data"); on the
// JSON document they are store/review-queue-data.ts's functions, re-exported here for the domain's
// pure uses, with `settle` counting an adjustment in the challenge's ISO week.
import { settle as settleData, type ReviewDecision, type SettleResult } from '../store/review-queue-data.js';
import type { WorkspaceData } from '../store/schema.js';
import { isoWeek } from './time.js';

export {
  MAX_REASON_CHARS, REVIEWED_KEPT_MS, dropRevealedWords, enqueue, hasRevealedWords, holdWords, itemsOf, pruneReviewed, waiting,
  type EnqueueResult, type ReviewSource, type SettleResult,
} from '../store/review-queue-data.js';

/** store/review-queue-data.ts settle, with adjustments counted in the challenge's ISO week (domain/time.ts). */
export function settle(ws: WorkspaceData, id: string, decision: Omit<ReviewDecision, 'weekOf'>, now: Date): SettleResult {
  return settleData(ws, id, { ...decision, weekOf: isoWeek }, now);
}

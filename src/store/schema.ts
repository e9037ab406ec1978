// The persisted data, version 2. Everything is keyed by workspace first (Slack team id, Teams tenant id,
// or `local` for the terminal): the domain only ever receives one workspace's slice.
//
// Two files: the data file (this document, rewritten whole on every commit) and, beside it, the score
// log `<data file without .json>.scores.jsonl` (append-only, one LogEntry per line). The history of score
// changes lives only in the log, so the document stays small however long the coach runs.
import type { Lang } from '../content/model.js';
import type { IncidentData } from './incident-schema.js';

export type * from './incident-schema.js';

export const SCHEMA_VERSION = 2;

export interface CoachData {
  schemaVersion: number;
  /**
   * How many lines of the score log are confirmed: the log is appended and fsynced before the document
   * that counts its new lines is written, so lines beyond this count were never confirmed (a crash between
   * the two writes) and are dropped at the next open. Maintained by the store; never set it yourself.
   */
  logEntries: number;
  workspaces: Record<string, WorkspaceData>;
  /** The web pages' own settings (issue 15); absent until first needed. */
  web?: WebData;
  /**
   * Slack apps installed through OAuth ("Add to Slack", issue 13); absent means no OAuth installs (the
   * single-workspace SLACK_BOT_TOKEN mode never writes it). Read and written only through
   * installations.ts's SlackInstallationStore (json-installations.ts).
   */
  slackOAuth?: SlackOAuthData;
  /**
   * Claims on shared work (StorePort.claim, issue 13): scheduled slots and listening cool-downs, by key.
   * Absent means no claim was ever made. Entries older than 8 days are pruned.
   */
  claims?: Record<string, ClaimData>;
}

/** A claim on a piece of shared work (see StorePort.claim). */
export interface ClaimData {
  owner: string;
  /** When the claim was first made (ISO). */
  since: string;
  /** When the lease runs out (ISO). */
  until: string;
  /** Set when the work was completed: never claimable again. */
  done?: boolean;
}

/** The JSON store's Slack installations: tokens included, so the data file and its backups are secrets. */
export interface SlackOAuthData {
  /**
   * Installations by key: `E:<enterprise id>` for an org-wide (Enterprise Grid) install, `T:<team id>`
   * for a workspace install. Each value is @slack/oauth's Installation, as JSON, with two dates.
   */
  installations: Record<string, { installation: Record<string, unknown>; installedAt: string; updatedAt: string }>;
  /**
   * Workspaces (team ids) seen in requests under an org-wide install, with their enterprise id: the
   * coach's own posts to such a workspace find the org's token through it. Absent entries: not seen yet.
   */
  enterpriseOf: Record<string, string>;
}

export interface WebData {
  /**
   * Key that signs playbook-page links when COACH_PLAYBOOK_PAGES=token (HMAC-SHA-256, base64url of 32
   * random bytes); absent means none was needed yet. Replacing it invalidates every link already given.
   */
  linkKey?: string;
}

export interface WorkspaceData {
  members: Record<string, MemberData>;
  channels: Record<string, ChannelData>;
  /**
   * Where the domain appends score changes: `ws.scoreLog.push(event)` inside `update`. Appended events are
   * moved to the log file at commit (the store empties this list right after each update function, so in
   * memory and on disk it is always `[]`); read the history with store.readLog (or WorkspaceStore.readLog).
   * The log is append-only: an event is never edited or removed once recorded, with one exception: a member's
   * right to be forgotten (JsonStore.forgetMember) rewrites their id as a pseudonym, keeping every event.
   */
  scoreLog: ScoreEvent[];
  /**
   * Free-text grades waiting for an admin's review and contested scores (issue 14, `/coach queue`);
   * absent means the queue was never used. See src/domain/review-queue.ts.
   */
  reviewQueue?: ReviewQueueData;
}

/** The review queue of a workspace (issue 14). */
export interface ReviewQueueData {
  /** The number the next item gets (items are numbered 1, 2, … within the workspace). */
  next: number;
  /** Items waiting for review, then reviewed ones (their words dropped), oldest first; reviewed ones are pruned after 30 days. */
  items: ReviewItem[];
  /**
   * The words of free-text answers, held only so their author can contest the grade until the challenge's
   * debrief; dropped at the debrief (or when the answer goes to the queue, which then holds them until
   * reviewed). Absent or empty: none held.
   */
  held?: HeldWords[];
}

export interface HeldWords {
  channel: string;
  challengeId: string;
  user: string;
  words: string;
}

export interface ReviewItem {
  /** Its number in the workspace, as text (`3`). */
  id: string;
  channel: string;
  challengeId: string;
  scenarioId: string;
  user: string;
  /** Why it is here: the grader was unsure (its reasons), or the member contested (their reason). */
  source: 'unsure' | 'contested';
  /** For `unsure`: the grader's signals (see src/grading/doubt.ts); for `contested`, absent. */
  doubts?: string[];
  /** For `contested`: the member's reason (at most 500 characters). */
  reason?: string;
  /** The answer's words; present until the item is reviewed (then deleted), absent for a choice or when no longer held. */
  words?: string;
  /** For a choice answer: its index from 0; null for free text. */
  choice: number | null;
  /** The grade as given (points out of 10), with what it covered, missed and flagged. */
  score: number;
  covered: string[];
  missed: string[];
  flags: string[];
  /** The language the member was answered in (their notice uses their own setting first). */
  lang?: 'fr' | 'en';
  at: string;
  /** Set once reviewed: by whom, when, the outcome and the final score; absent while waiting. */
  reviewed?: { by: string; at: string; action: 'confirm' | 'adjust'; score: number; note?: string };
}

export interface MemberData {
  /** Display name as last seen, for leaderboards (never used to notify). */
  name?: string;
  lang?: Lang;
  /** Hidden from public leaderboards; still sees their own rank. */
  optOut?: boolean;
  /**
   * Platform data to write to this person privately later (Teams: their 1:1 chat with the coach), opaque;
   * absent: not known yet (the person is then only reached where they speak).
   */
  personalTarget?: unknown;
  /** Private reminders before a challenge's debrief (issue 14): false after `/coach reminders off`; absent means on. */
  reminders?: boolean;
  /** Personal practice and profile (issue 14, src/domain/practice.ts); absent means none yet. */
  practice?: PracticeData;
}

/** A member's practice record: spaced repetition per scenario, principles, recent scores. */
export interface PracticeData {
  /** Per scenario id: the last score (0–10), when (ISO time), the Leitner box (0–5) and when it is due again (ISO time). */
  cards: Record<string, { score: number; at: string; box: number; due: string; seen: number }>;
  /** Per rubric point id: how many graded free-text answers covered it and missed it. */
  principles: Record<string, { covered: number; missed: number }>;
  /** The last scores (challenges and practice), oldest first, at most 20: `{ at, score, kind }`. */
  recent: { at: string; score: number; kind: 'challenge' | 'practice' }[];
  /** Practice points: kept apart from every team board. */
  points: number;
  /** The scenario handed out by `/scenario practice` and not answered yet; absent: none open. */
  open?: { scenarioId: string; at: string };
}

export interface ChannelData {
  /** Display name as last seen, for the teams leaderboard. */
  name?: string;
  /** Language of public posts here: the one of the admin who last scheduled or posted. */
  lang?: Lang;
  /**
   * Language of public posts set by an admin (`/coach channel-lang`); `both`: French then English in one
   * message. Absent means `lang` above (then the default) decides. Wins over `lang`.
   */
  postLang?: 'fr' | 'en' | 'both';
  /** The surface this channel lives on (slack, teams, terminal), for scheduled posts. */
  platform?: string;
  /** Set when an admin turned daily challenges on here (ISO time); absent or null: no daily posts. */
  scheduledSince?: string | null;
  /** Per-channel schedule set by an admin; absent: the configured default. */
  schedule?: { cron: string; timezone: string };
  /** Dates (YYYY-MM-DD, in the channel's time zone) an admin paused. */
  pausedDates: string[];
  /** Channel listening (issue 5); absent means the default. */
  listen?: boolean;
  /**
   * Scenario ids an admin took out of this channel's rotation (`/coach scenarios off N`, issue 16);
   * absent or empty means every scenario is in play. Never all of them (the command refuses the last one).
   */
  scenariosOff?: string[];
  /** Shuffled scenario order for this channel and the position of the next one. */
  rotation: { order: string[]; next: number };
  challenges: ChallengeData[];
  /** Running totals, so leaderboards never scan answer history. */
  totals: Record<string, MemberTotals>;
  /** Platform data needed to post here later (Teams conversation reference, Slack channel), opaque. */
  postTarget?: unknown;
  /** The team's wall page (issue 15); absent means the channel has no wall (never made, or revoked). */
  wall?: WallData;
  /** Incidents opened here, oldest first (issue 11); absent means none ever. */
  incidents?: IncidentData[];
  /** The weekly recap here (issue 14); absent means on, at COACH_RECAP, none posted yet. */
  recap?: RecapSettings;
}

/** A channel's weekly recap settings and the last one posted (issue 14). Every field optional. */
export interface RecapSettings {
  /** True after an admin's `/coach recap off`; absent or false: recaps are on (while challenges are scheduled). */
  off?: boolean;
  /** The admin's cron (`/coach recap CRON`), in the channel's schedule time zone; absent: COACH_RECAP. */
  cron?: string;
  /** ISO week (2026-W48) of the last recap the scheduler posted here; absent: none yet. Never two a week. */
  lastWeek?: string;
}

/** A wall's secret address is never stored: only the SHA-256 of its token, so the data file cannot open it. */
export interface WallData {
  /** Hex SHA-256 of the token in the wall's address. */
  tokenHash: string;
  /** When the admin made it (ISO time). */
  createdAt: string;
  /** The admin who made it (a platform user id). */
  createdBy: string;
}

export interface ChallengeData {
  /** Unique within the channel: `${day}-${scenarioId}`. */
  id: string;
  scenarioId: string;
  /** The challenge day, YYYY-MM-DD in the channel's time zone. */
  day: string;
  postedAt: string;
  /** When the debrief is due; null: only on /coach reveal. */
  revealAt: string | null;
  revealedAt: string | null;
  answers: Record<string, AnswerData>;
  /**
   * Old revealed challenges keep only these counts; their answers are dropped (each score change stays
   * in the score log), so the data file does not grow with every answer ever given.
   */
  summary?: { answers: number; choices: number[]; ownWords: number; scoreSum: number };
  /** Platform ids of the posted message, to update it (Slack ts, Teams activity id), opaque. */
  postRef?: unknown;
  /** When the private reminders before its debrief were sent (issue 14); absent means not yet. Set once. */
  remindedAt?: string;
}

export interface AnswerData {
  at: string;
  /** Index of the picked choice, or null for an answer in the person's own words. */
  choice: number | null;
  /** Free-text answers are graded then dropped: only the grade is kept. */
  covered: string[];
  missed: string[];
  flags: string[];
  score: number;
  streakBonus: number;
  /** The language the person was answered in; their private copy of the debrief uses it. Absent: unknown. */
  lang?: Lang;
}

export interface MemberTotals {
  points: number;
  /** ISO week (e.g. 2026-W48) of weekPoints; reset lazily when a new week starts. */
  week: string;
  weekPoints: number;
  streak: number;
  bestStreak: number;
  /** The last challenge day answered, YYYY-MM-DD. */
  lastDay: string | null;
  answers: number;
}

export interface ScoreEvent {
  at: string;
  channel: string;
  user: string;
  delta: number;
  /**
   * `answer`, `streak`, `award`, `drill` (an outage drill's score, issue 11), or `adjust` (an admin's
   * correction of a grade from the review queue, issue 14: the difference between the new and old score).
   */
  kind: 'answer' | 'streak' | 'award' | 'drill' | 'adjust';
  reason: string;
  /** Who caused it: the member for answers, the admin for awards. */
  by: string;
  challengeId?: string;
  /** For `drill` events: the incident the drill ran as (its id in the workspace). */
  incidentId?: string;
  /** For `adjust` events (issue 14): the review-queue item the adjustment settled. */
  reviewId?: string;
}

/** One line of the score log file: the event and the workspace it belongs to. */
export interface LogEntry extends ScoreEvent {
  workspace: string;
}

export function emptyData(): CoachData {
  return { schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: {} };
}

export function emptyWorkspace(): WorkspaceData {
  return { members: {}, channels: {}, scoreLog: [] };
}

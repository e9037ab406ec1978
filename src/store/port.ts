// The store port (issue 13): what the domain asks of storage, named by what the domain does, asynchronous
// and scoped to one workspace, so that a server database (PostgreSQL) answers each operation with a few
// indexed queries and never loads a workspace whole, and several replicas can share one database.
//
// Two implementations: the JSON file (json-port.ts, the embedded default) and PostgreSQL (issue 13 item 2).
// One conformance suite (test/store/conformance.ts) runs against both: every rule written in a docstring
// below ("atomic", "once", "never") is checked there.
//
// Conventions for every operation:
// - Times are ISO 8601 strings (UTC, `Date#toISOString`) unless a parameter is a `Date`; durations in ms.
//   Days are `YYYY-MM-DD` in the channel's time zone (the domain computes them); weeks are ISO weeks
//   `YYYY-Www` (domain/time.ts isoWeek).
// - Points are whole numbers (negative allowed for awards).
// - Everything returned is a copy: mutating it changes nothing stored.
// - Ids (workspace, channel, member, challenge, incident) are opaque non-empty strings; `__proto__` and
//   the empty string are refused with a TypeError.
// - A rejected promise means nothing was recorded by that call (each operation is atomic), except where a
//   docstring says otherwise. Storage failures reject with StoreWriteError / StoreClosedError (errors.ts).
// - Callback parameters (`fn`, `build`, `streak`) are synchronous pure functions run inside the operation's
//   atomic step (a transaction holding the row locks it needs); they must not await, and they may run
//   more than once when an implementation retries a serialisation failure, so they must not have side
//   effects beyond mutating the object they are given.
import type { Lang } from '../content/model.js';
import type { ForgetReport } from './forget-member.js';
import type { EnqueueResult, ReviewDecision, ReviewSource, SettleResult } from './review-queue-data.js';
import type { AnswerData, ChallengeData, ChannelData, IncidentData, LogEntry, MemberData, MemberTotals, ReviewItem, ScoreEvent, WallData } from './schema.js';
import type { WorkspacePurgeReport } from './purge-workspace.js';

/** A member as kept in a workspace (schema.ts MemberData): name, language, opt-out, private address. */

/**
 * Revealed challenges older than this many posts of their channel keep counts only (ChallengeData.summary):
 * their answers are dropped (each score change stays in the score log), so stored answers do not grow with
 * every answer ever given. Both stores apply it when a challenge is created.
 */
export const KEEP_ANSWERS_OF_LAST = 10;

/** How long both backends keep a claim after its lease started (StorePort.claim: at least 8 days). */
export const CLAIM_RETENTION_MS = 8 * 24 * 3600_000;
export type MemberView = MemberData;

/**
 * A channel's settings: everything of ChannelData except its challenges, totals, incidents and wall, which
 * have their own operations. Small (one row in a database).
 */
export type ChannelSettings = Omit<ChannelData, 'challenges' | 'totals' | 'incidents' | 'wall'>;

/** How many of a channel's latest challenges ChannelView carries. */
export const RECENT_CHALLENGES = 3;

/**
 * A challenge without its answers (which can be thousands): what schedules, boards and confirmations need.
 * `answerCount` is the number of answers recorded (for a compacted challenge, see `summary.answers`).
 */
export type ChallengeHead = Omit<ChallengeData, 'answers'> & { answerCount: number };

/**
 * A channel as the schedule and the boards need it: its settings and its RECENT_CHALLENGES latest
 * challenges (oldest first, without answers; the last one is the current challenge). Enough for every
 * rule of domain/challenges.ts (today's slot served, the open challenge, futureOpen, reveal due) and for
 * the live streak (domain/scores.ts liveStreak), since a channel has at most one challenge per day and
 * posting one reveals the one before.
 */
export interface ChannelView extends ChannelSettings {
  id: string;
  challenges: ChallengeHead[];
}

/** A new challenge, as the domain planned it (domain/challenges.ts Challenges.post). */
export interface NewChallenge {
  /** Unique within the channel: `${day}-${scenarioId}`. */
  id: string;
  scenarioId: string;
  /** YYYY-MM-DD in the channel's time zone: at most one challenge per channel and day. */
  day: string;
  /** ISO time of the post. */
  postedAt: string;
  /** ISO time the debrief is due; null: only on `/coach reveal`. */
  revealAt: string | null;
}

export type CreateChallengeOutcome =
  /** Recorded; `revealed` is the previous challenge this step closed (it was still open), else null. */
  | { kind: 'created'; challenge: ChallengeData; revealed: ChallengeData | null }
  /** The channel already has a challenge for this day (maybe created by another replica): nothing changed. */
  | { kind: 'exists'; challenge: ChallengeData }
  /** The channel's latest challenge is no longer `expectLatest`: nothing changed; plan again from a fresh read. */
  | { kind: 'conflict' };

/**
 * The streak rule, passed by the domain (domain/scores.ts streakBonus) and applied to the member's totals
 * as they are when recordAnswer's atomic step writes (PostgreSQL may apply it to totals read just before
 * and check, in that step, that they did not change; else it applies it again): `previous` is the member's totals in the
 * channel (null when none), `previousChallengeDay` the day of the channel's challenge before the answered
 * one (null when it is the first), `points` the answer's own points. Returns the new streak and the bonus
 * points (≥ 0).
 */
export type StreakRule = (previous: Readonly<MemberTotals> | null, previousChallengeDay: string | null, day: string, points: number) => { streak: number; bonus: number };

/** One answer to record (see WorkspacePort.recordAnswer). */
export interface AnswerInputRecord {
  challengeId: string;
  user: string;
  /** The member's display name as seen with this request (cleaned); kept when given. */
  name?: string;
  /** The answer without its streak bonus (the port fills `streakBonus` from `streak`). */
  answer: Omit<AnswerData, 'streakBonus'>;
  /** ISO week of the challenge's day, for the week column of the totals. */
  week: string;
  streak: StreakRule;
}

export type RecordAnswerOutcome =
  /**
   * Recorded, with its score events (`answer`, and `streak` when the bonus is > 0) and the member's totals
   * after it. `challenge` is the challenge after it (its answerCount includes this answer).
   */
  | { kind: 'recorded'; challenge: ChallengeHead; answer: AnswerData; totals: MemberTotals; streak: number }
  /** The member had already answered: the first answer stands, nothing changed. */
  | { kind: 'already'; challenge: ChallengeHead; answer: AnswerData }
  /** The challenge was revealed: answers are closed. */
  | { kind: 'closed'; challenge: ChallengeHead }
  /** No such challenge in this channel. */
  | { kind: 'none' };

/** A score change that is not an answer: an admin's award, or an outage drill's score. */
export interface ScoreInput {
  user: string;
  /** Whole points, may be negative (awards: −100…100, checked by the domain). */
  delta: number;
  kind: 'award' | 'drill';
  reason: string;
  /** Who caused it (the admin for awards, the trainee for drills). */
  by: string;
  /** ISO time of the change. */
  at: string;
  /** ISO week the change counts in (the week column of the totals). */
  week: string;
  /** The member's display name seen with the request, kept when given. */
  name?: string;
  /** For drills: the incident's id. */
  incidentId?: string;
}

/** One row of a channel board: a member's totals in the channel. */
export interface BoardRow {
  /** Competition rank ("1, 1, 3"): one plus the number of members of the same board with strictly more points. */
  rank: number;
  user: string;
  /** The member's display name as kept (not cleaned), undefined when none. */
  name: string | undefined;
  /** The board's column: this week's points on the week board, all-time points on the all-time board. */
  points: number;
  /** The member's recorded totals in the channel (the domain derives the live streak from them). */
  totals: MemberTotals;
}

/** A channel's leaderboard (see WorkspacePort.channelBoard). */
export interface ChannelBoardData {
  /** Members who took part this week (totals.week === week), best first, opted-out members left out, at most `limit`. */
  week: BoardRow[];
  /** Everyone who took part in the channel, best first, opted-out members left out, at most `limit`. */
  allTime: BoardRow[];
  /**
   * The viewer's own standing, even when opted out or outside the top: null when they never took part here.
   * `weekRank` is null when they took no part this week.
   */
  viewer: { weekRank: number | null; allTimeRank: number; totals: MemberTotals } | null;
}

/** One row of the teams board: a channel where someone took part. */
export interface TeamRow {
  rank: number;
  channel: string;
  /** The channel's display name as kept, undefined when none. */
  name: string | undefined;
  /** Sum of the members' all-time points. */
  points: number;
  /** Sum of the members' points this week. */
  weekPoints: number;
  /** Members with totals in the channel. */
  members: number;
}

/** What the workspace keeps about one member (for `/coach privacy`). */
export interface MemberFootprint {
  member: MemberView | null;
  /** Answers of theirs kept in challenges (old challenges keep counts only). */
  answers: number;
  /** Channels where they have totals, and the points those hold. */
  channels: number;
  points: number;
  /** Score log events naming them (as `user`). */
  logEntries: number;
  /** Score log events naming them as `user` or `by`, and whether anything at all names them. */
  mentions: number;
  known: boolean;
}

/**
 * Context given to updateIncident's and createIncident's callback: score changes recorded in the same
 * atomic step as the incident's change (a drill's points are never recorded without its `scoredAt`).
 */
export interface IncidentStep {
  /** Queues a score change in the incident's channel; applied with the incident's change. */
  addScore(score: ScoreInput): void;
}

/**
 * One workspace's data. Every operation reads and writes this workspace only: no call on it can see or
 * change another workspace's data (the conformance suite checks each operation).
 */
export interface WorkspacePort {
  readonly workspace: string;

  // ── Members ────────────────────────────────────────────────────────────────────────────────────────
  /** The member, or null when the workspace keeps nothing about them. */
  member(user: string): Promise<MemberView | null>;
  /** The members among `users` the workspace keeps (unknown ids are absent from the result). At most 1,000 ids. */
  members(users: readonly string[]): Promise<Record<string, MemberView>>;
  /**
   * Changes a member: `fn` mutates their entry in place. `create`: false (default) leaves an unknown member
   * unknown and resolves null without calling `fn`; true creates the entry `{}` first. Resolves with the
   * entry after the change. Use it for the language (`/coach lang`), opt-out, names and private addresses.
   */
  updateMember(user: string, fn: (member: MemberView) => void, options?: { create?: boolean }): Promise<MemberView | null>;

  // ── Channels ───────────────────────────────────────────────────────────────────────────────────────
  /** The channel with its latest challenges, or null when unknown here. */
  channel(channel: string): Promise<ChannelView | null>;
  /** Every channel of the workspace (settings and latest challenges), in no particular order. */
  channels(): Promise<ChannelView[]>;
  /**
   * Changes a channel's settings atomically: `fn` mutates them in place (schedule, pauses, listening,
   * languages, rotation, post target…) and its result is returned. `create`: true (default) makes the
   * channel with its defaults (domain/channel-defaults.ts emptyChannel) when unknown; false resolves
   * `{ found: false }` without calling `fn`. If `fn` throws, nothing is changed and the promise rejects.
   */
  updateChannel<T>(channel: string, fn: (settings: ChannelSettings) => T, options?: { create?: boolean }): Promise<{ found: true; result: T; settings: ChannelSettings } | { found: false }>;

  // ── Challenges ─────────────────────────────────────────────────────────────────────────────────────
  /** A challenge of the channel by id, or its latest when `id` is null; all its answers included (for a debrief). Null when none. */
  challenge(channel: string, id: string | null): Promise<ChallengeData | null>;
  /**
   * A challenge (by id, or the channel's latest when `id` is null) without its answers, and `user`'s answer
   * to it (null when they have not answered). Null when there is no such challenge. One indexed read.
   */
  memberAnswer(channel: string, id: string | null, user: string): Promise<{ challenge: ChallengeHead; answer: AnswerData | null } | null>;
  /**
   * Posts a challenge, atomically: unless the channel already has one for `challenge.day` (then `exists`,
   * nothing changed: one challenge per channel per day, also across replicas), it closes the channel's
   * latest challenge when still open (revealedAt = challenge.postedAt), stores `rotation` (the rotation
   * state after drawing this scenario) and adds the challenge (no answers, not revealed). `expectLatest`:
   * the id of the latest challenge the plan was made from (null: none); when the channel's latest is
   * another one, nothing changes and the outcome is `conflict` (the domain reads again and plans again).
   * Creates the channel when unknown. Implementations may keep only the counts (ChallengeData.summary) of
   * revealed challenges older than the channel's 10 latest; `choiceCount` gives a scenario's number of
   * choices for those counts.
   */
  createChallenge(channel: string, challenge: NewChallenge, options: { expectLatest: string | null; rotation: ChannelData['rotation']; choiceCount: (scenarioId: string) => number }): Promise<CreateChallengeOutcome>;
  /**
   * Reveals a challenge (sets revealedAt = `at`): the one named, or the channel's latest when `id` is null.
   * Resolves with it, revealed; null when there is none or it was already revealed. Of two concurrent
   * calls exactly one gets the challenge (so its debrief is sent once, also across replicas).
   */
  markRevealed(channel: string, id: string | null, at: string): Promise<ChallengeData | null>;
  /** Keeps the platform's ids of a posted challenge (ChallengeData.postRef). False when no such challenge. */
  setPostRef(channel: string, challengeId: string, postRef: unknown): Promise<boolean>;
  /**
   * Records one answer of a member to a challenge, with its score events and the member's running totals,
   * in one atomic step. One answer per member per challenge: of any number of concurrent calls for the same
   * member and challenge exactly one is `recorded`, the others are `already` with the recorded answer. A
   * revealed challenge is `closed`. When recorded: the answer is stored with `streakBonus` = the rule's
   * bonus; the totals move (points and, in `week`, weekPoints by score + bonus; answers + 1; streak,
   * bestStreak, lastDay = the challenge's day); score events `answer` (delta = score, reason
   * `challenge ID`) and, when the bonus is > 0, `streak` (delta = bonus, reason `N-day streak`) are
   * appended to the score log, both at `answer.at`, by the member, with challengeId. The member entry is
   * created (with `name` when given).
   */
  recordAnswer(channel: string, input: AnswerInputRecord): Promise<RecordAnswerOutcome>;

  // ── Scores and boards ──────────────────────────────────────────────────────────────────────────────
  /**
   * Adds points outside answers (an admin's award, a drill's score) atomically: the member's totals in the
   * channel (points; weekPoints, reset first when `week` is a new week; no answer counted, streak
   * unchanged) and one score event of `kind`. Creates the channel and the member (with `name`) when
   * unknown. Resolves with the totals after the change.
   */
  award(channel: string, score: ScoreInput): Promise<MemberTotals>;
  /** The member's totals in the channel, or null when they never took part there. */
  totals(channel: string, user: string): Promise<MemberTotals | null>;
  /**
   * The channel's boards for ISO week `week`, answered from the running totals (an index on the points,
   * never the score log nor the answers): the `limit` best public rows of the week and of all time, and the
   * viewer's own row and ranks. Everyone who took part (answered or received points) ranks, 0 points after
   * positive scores, before negative ones. Opted-out members are counted in the ranks but not listed.
   * Ties: competition rank; among equal points, rows are listed in the order the members first took part
   * in the channel.
   */
  channelBoard(channel: string, query: { week: string; viewer: string; limit: number }): Promise<ChannelBoardData>;
  /**
   * The workspace's teams (channels where at least one member has totals) for ISO week `week`, ranked by
   * all-time points (competition rank), at most `limit`; among equal points, named before unnamed, then by
   * name, then by channel id.
   */
  teamsBoard(query: { week: string; limit: number }): Promise<TeamRow[]>;
  /** The channels where `user` has totals, most points first (ties by channel id): a member's teams. */
  memberChannels(user: string): Promise<{ channel: string; name: string | undefined; points: number }[]>;
  /** This workspace's score log, oldest first: every event recorded (the log is append-only). */
  readLog(): Promise<ScoreEvent[]>;

  // ── Incidents (issue 11) ───────────────────────────────────────────────────────────────────────────
  /** The workspace's incidents with their channel, oldest first; only those of `channel` when given, only open ones (resolvedAt null) when `open`. */
  incidents(filter?: { channel?: string; open?: boolean }): Promise<{ channel: string; incident: IncidentData }[]>;
  /** An incident by id, with its channel, or null. */
  incident(id: string): Promise<{ channel: string; incident: IncidentData } | null>;
  /**
   * Opens an incident atomically: `build` gets the next id (one more than the workspace's highest, as text)
   * and the channel's incidents (oldest first) and returns the incident to store (its `id` must be the one
   * given) or `{ refused }` to store nothing. Resolves with what `build` returned. Ids are unique in the
   * workspace, also across replicas. Creates the channel when unknown.
   */
  createIncident<R>(channel: string, build: (id: string, existing: readonly IncidentData[], step: IncidentStep) => { incident: IncidentData } | { refused: R }): Promise<{ incident: IncidentData } | { refused: R }>;
  /**
   * Changes an incident atomically: `fn` mutates it in place and may queue score changes (drills); its
   * result is returned. Null (fn not called) when there is no such incident. If `fn` throws, nothing changes.
   */
  updateIncident<T>(id: string, fn: (incident: IncidentData, step: IncidentStep) => T): Promise<{ result: T; incident: IncidentData; channel: string } | null>;

  // ── Walls (issue 15) ───────────────────────────────────────────────────────────────────────────────
  /** The channel's wall, or null. */
  wall(channel: string): Promise<WallData | null>;
  /**
   * Sets (replacing any earlier one, whose address then stops working) or, with null, removes the channel's
   * wall. Resolves with whether the channel had a wall before. Setting creates the channel when unknown.
   */
  setWall(channel: string, wall: WallData | null): Promise<boolean>;

  // Issue 13: edges (installations, purge, wall page) — helper i13-edges
  /**
   * The workspace's members (at most `limit`, by id), for the terminal's rehearsal copy of a team's
   * settings. A limit that is not a whole number from 1 to 10,000 is refused with a RangeError. A Slack
   * workspace's members are many: nothing on a request path lists them.
   */
  listMembers(limit: number): Promise<Record<string, MemberView>>;

  // ── Privacy (issue 16) ─────────────────────────────────────────────────────────────────────────────
  /** What the workspace keeps about `user` (answers, totals, score log lines, member entry). */
  footprint(user: string): Promise<MemberFootprint>;
  /**
   * What forgetMember would do, computed without changing anything (the report with a fresh pseudonym that
   * is then discarded).
   */
  forgetPreview(user: string): Promise<ForgetReport>;
  /**
   * Forgets a member (Quebec's Law 25): removes their member entry and answers, moves their totals and
   * rewrites their score log events under a new pseudonym (the one exception to "the log is never
   * rewritten": the events stay, with the pseudonym), renames them in incidents and walls. Idempotent.
   */
  forgetMember(user: string): Promise<ForgetReport>;

  // ── Issue 14's data (the team lead's week; helper i13-week) ───────────────────────────────────────
  // The review queue (schema.ts ReviewQueueData: items numbered 1, 2, … per workspace, and held words),
  // the reminders' "once per challenge" (ChallengeData.remindedAt) and who may be reminded, and the
  // recap's reads (a channel's recent challenges, its totals, its answer events since a day). A member's
  // `reminders` flag and `practice` record go through member/updateMember; a channel's `recap` settings
  // and `lastWeek` through channel/updateChannel (they are ChannelSettings).
  /** The queue's items, oldest first: only `user`'s when given, only those waiting for review when `waiting`. */
  reviewItems(filter?: { user?: string; waiting?: boolean }): Promise<ReviewItem[]>;
  /** An item by its number (as text), or null. */
  reviewItem(id: string): Promise<ReviewItem | null>;
  /**
   * Puts a member's answer in the queue, atomically (store/review-queue-data.ts enqueue gives the rules):
   * one item per answer, also across replicas; a contest turns a waiting `unsure` item into a contested
   * one; a reviewed item is final. The answer is read in the same step: `challengeId` null means the
   * member's latest answer in `channel`; a challenge id not found in `channel` is looked for in the
   * member's answers in the workspace's other channels. `no-answer` when there is none. Held words of the
   * answer move into the item. `at`: ISO time of the item.
   */
  enqueueReview(channel: string, input: { challengeId: string | null; user: string; source: ReviewSource; at: string }): Promise<EnqueueResult>;
  /**
   * Settles a waiting item atomically (store/review-queue-data.ts settle gives the rules): of any number
   * of concurrent calls on one item exactly one is `settled`, the others `already`; an adjustment appends
   * one `adjust` score event (reviewId = the item's id) and moves the member's totals by the same delta,
   * so totals stay equal to the log. Reviewed items older than 30 days are pruned. `at`: ISO time.
   */
  settleReview(id: string, decision: ReviewDecision & { at: string }): Promise<SettleResult>;
  /** Holds a free-text answer's words until its challenge's debrief; false when some are held already for that answer. */
  holdWords(channel: string, challengeId: string, user: string, words: string): Promise<boolean>;
  /** Drops held words whose challenge is revealed or gone (after a debrief); resolves with how many went. */
  dropRevealedWords(): Promise<number>;
  /**
   * Records that `challengeId`'s reminders went out at `at` (ChallengeData.remindedAt), once: of any number
   * of calls (concurrent, across replicas) exactly one resolves true; false when it was set already or
   * there is no such challenge.
   */
  markReminded(channel: string, challengeId: string, at: string): Promise<boolean>;
  /**
   * The members with totals in `channel` whose last answered challenge day is `sinceDay` or later (one
   * indexed read, never the answers of old challenges), each with whether they answered `challengeId`,
   * their reminders flag (MemberData.reminders !== false), their language and the language of their latest
   * answer kept in the channel. In member id order.
   */
  reminderCandidates(channel: string, query: { challengeId: string; sinceDay: string }): Promise<ReminderCandidate[]>;
  /** The channel's running totals by member (empty when none). */
  channelTotals(channel: string): Promise<Record<string, MemberTotals>>;
  /** The channel's challenges whose day is `sinceDay` or later, oldest first, with their answers (the recap's weeks). */
  challengesSince(channel: string, sinceDay: string): Promise<ChallengeData[]>;
  /**
   * The channel's score events of these kinds whose challenge day (the first 10 characters of challengeId)
   * is `sinceDay` or later, oldest first: what the recap reads instead of the whole log (an index in a
   * database).
   */
  channelEvents(channel: string, query: { sinceDay: string; kinds: readonly ScoreEvent['kind'][] }): Promise<ScoreEvent[]>;
}

/** A member who may get a reminder before a challenge's debrief (see WorkspacePort.reminderCandidates). */
export interface ReminderCandidate {
  user: string;
  /** Their last answered challenge day in the channel (YYYY-MM-DD). */
  lastDay: string;
  /** Whether they answered the challenge asked about. */
  answered: boolean;
  /** False after `/coach reminders off`. */
  reminders: boolean;
  /** Their `/coach lang`, when set. */
  lang?: Lang;
  /** The language of their latest answer kept in the channel, when known. */
  lastLang?: Lang;
}

/** A channel the scheduler may have work in: see StorePort.activeChannels. */
export interface ActiveChannel {
  workspace: string;
  channel: ChannelView;
}

/** The outcome of a claim on shared work (a slot, a cool-down): see StorePort.claim. */
export type ClaimOutcome =
  /**
   * This replica holds it until `until` (ISO). `previous`: the owner whose lease ran out without finishing
   * (it died, or hung): the work may be half done (see Scheduler for what the slots do with it).
   */
  | { kind: 'claimed'; until: string; previous?: string }
  /** Another holder has it and its lease runs until `until`. */
  | { kind: 'held'; until: string; owner: string }
  /** The work was completed (by anyone): never claimable again. */
  | { kind: 'done' };

/**
 * The whole store: workspaces, and the little state replicas share (issue 13 item 3). Nothing that matters
 * lives in one process's memory.
 */
export interface StorePort {
  /** One workspace's data; cheap (no I/O). Throws TypeError for an invalid id. */
  workspace(id: string): WorkspacePort;
  /** The ids of the workspaces holding any data. */
  workspaces(): Promise<string[]>;
  /**
   * The channels where the scheduler may have something to do, across workspaces: those with a platform
   * and either a schedule (scheduledSince set) or an unrevealed latest challenge with a revealAt. An
   * indexed query in a database; the domain decides what is due (domain/challenges.ts).
   */
  activeChannels(): Promise<ActiveChannel[]>;
  /** Every open incident across workspaces (the incident tick's reminders, escalations, drill events). */
  openIncidents(): Promise<{ workspace: string; channel: string; incident: IncidentData }[]>;
  /**
   * The wall whose token hash (hex SHA-256, web/tokens.ts hashToken) is `tokenHash`, or null. The token is
   * 32 random bytes, so looking its hash up by index tells nothing about other walls.
   */
  wallByTokenHash(tokenHash: string): Promise<{ workspace: string; channel: string; wall: WallData } | null>;
  /**
   * The key that signs playbook-page links (WebData.linkKey): the stored one, or, when none, `create()`'s,
   * stored. Concurrent first calls all get the same key.
   */
  linkKey(create: () => string): Promise<string>;
  /** Every score event across workspaces (or of `workspace`), oldest first, with its workspace. */
  readLog(workspace?: string): Promise<LogEntry[]>;

  // Issue 13: edges (installations, purge, wall page) — helper i13-edges
  /**
   * What `workspace` holds, counted (members, channels, challenges, incidents, score log lines), changing
   * nothing: `coach purge`'s confirmation. `found`: whether the store keeps any data of it besides log
   * lines. `installations` is [] (Slack installations are SlackInstallationStore's).
   */
  workspaceHoldings(workspace: string): Promise<WorkspacePurgeReport>;
  /**
   * Deletes everything kept about `workspace`, for good (`coach purge`): its members, channels with their
   * challenges, answers, totals, incidents and wall, its score log lines (the log's one documented
   * exception to "never deleted"), and its shared-work keys (claims `slot:W:…`, `offer:W:…`). No other
   * workspace is touched. Resolves with what it held (as workspaceHoldings). Idempotent: a second call
   * finds nothing. Slack installations are not in it: SlackInstallationStore.forgetTeam removes them.
   */
  purgeWorkspace(workspace: string): Promise<WorkspacePurgeReport>;

  // ── Replica state ──────────────────────────────────────────────────────────────────────────────────
  /**
   * Claims a piece of shared work by key (a scheduled slot: `slot:WORKSPACE:CHANNEL:DAY`; a listening
   * cool-down: `offer:WORKSPACE:CHANNEL:PLAYBOOK`), for `leaseMs` from `now`. Atomic across replicas:
   * of concurrent claims on a free key exactly one is `claimed`. A key whose lease has run out (its holder
   * died, or a cool-down passed) can be claimed again; a `done` key never can. Re-claiming a key one holds
   * extends the lease. Keys are kept at least 8 days after their lease started, then may be forgotten
   * (slot keys name their day, so nobody asks for them again).
   */
  claim(key: string, owner: string, leaseMs: number, now: Date): Promise<ClaimOutcome>;
  /** Ends a claim: `done` marks the work completed for good; otherwise the key is freed at once (the work failed). Only the owner's claim is changed. */
  release(key: string, owner: string, done: boolean): Promise<void>;
  /**
   * Remembers a delivery id (a Slack event_id) for `ttlMs`: true the first time it is seen, false when it was
   * seen before and is still remembered (a retry: ignore it). Atomic across replicas.
   */
  firstDelivery(id: string, ttlMs: number, now: Date): Promise<boolean>;

  /** Whether the store is reachable and recording (for GET /healthz): `detail` says what is wrong. */
  health(): Promise<{ ok: boolean; detail?: string }>;
  /** Waits for pending writes and releases the store. */
  close(): Promise<void>;
}

/** Guards an id given to the port (see the conventions at the top of this file). */
export function checkId(kind: string, id: string): void {
  if (typeof id !== 'string' || id === '' || id === '__proto__') throw new TypeError(`invalid ${kind} id ${JSON.stringify(id)}`);
}


// The store port (port.ts) on PostgreSQL (issue 13, item 2), through a `pg` Pool. Each operation is a few
// indexed queries, in one transaction when it writes; nothing loads a workspace whole, and every query
// names its workspace. Several replicas share one database: uniqueness (one answer per member per
// challenge, one challenge per channel and day, claims, deliveries) is kept by the database's keys and row
// locks, never by one process's memory. The schema is in migrations/ (see migrate.ts).
//
// Concurrency: transactions run at READ COMMITTED with explicit locks: an answer holds its challenge's
// advisory lock shared and a reveal holds it exclusively (so no answer lands after a reveal), the member's
// totals FOR UPDATE, the channel FOR UPDATE while a challenge is posted, a workspace advisory lock while an
// incident id is given. A deadlock or serialisation failure retries the whole operation, callbacks
// included (port.ts allows it).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { emptyChannel } from '../defaults.js';
import { StoreClosedError, StoreWriteError } from '../errors.js';
import { newPseudonym, pseudonymiseEntry, scrubMember, type ForgetReport } from '../forget-member.js';
import {
  RECENT_CHALLENGES,
  checkId,
  type ActiveChannel,
  type AnswerInputRecord,
  KEEP_ANSWERS_OF_LAST,
  type BoardRow,
  CLAIM_RETENTION_MS,
  type ChallengeHead,
  type ChannelBoardData,
  type ChannelSettings,
  type ChannelView,
  type ClaimOutcome,
  type ReminderCandidate,
  type CreateChallengeOutcome,
  type IncidentStep,
  type MemberFootprint,
  type MemberView,
  type NewChallenge,
  type RecordAnswerOutcome,
  type ScoreInput,
  type StorePort,
  type TeamRow,
  type WorkspacePort,
} from '../port.js';
import type { AnswerData, ChallengeData, ChannelData, IncidentData, LogEntry, MemberTotals, ReviewItem, ScoreEvent, WallData, WorkspaceData } from '../schema.js';
import type { WorkspacePurgeReport } from '../purge-workspace.js';
import { redactDatabaseUrl } from './url.js';
import { deleteWorkspaceRows } from './workspace-rows.js';
import type { Lang } from '../../content/model.js';
import { MAX_REASON_CHARS, REVIEWED_KEPT_MS, type EnqueueResult, type ReviewDecision, type ReviewSource, type SettleResult } from '../review-queue-data.js';

/** Expired claims and deliveries are pruned once every this many calls. */
const PRUNE_EVERY = 200;
/** Attempts of an operation that meets a deadlock or a serialisation failure. */
const MAX_ATTEMPTS = 5;
/** How long GET /healthz waits for the database. */
const HEALTH_TIMEOUT_MS = 2000;

type Q = pg.PoolClient | pg.Pool;

export interface PgPortOptions {
  /** Connections in this replica's pool (default 10). */
  poolSize?: number;
  /** Reported with errors instead of the URL (default: the URL without its password). */
  label?: string;
}

/** The port on the PostgreSQL database at `url` (migrated already: see migrate.ts). Closing it ends the pool. */
export function pgPort(url: string, options: PgPortOptions = {}): PgPort {
  return new PgPort(url, options);
}

/** ISO 8601 (UTC) of a timestamptz as pg or json_agg returns it. */
function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '40001' || code === '40P01';
}

/** Marks errors raised by the database (or the connection) rather than by a callback. */
class DbError extends Error {}

export class PgPort implements StorePort {
  readonly pool: pg.Pool;
  private readonly label: string;
  private closed = false;
  private calls = 0;

  constructor(url: string, options: PgPortOptions = {}) {
    this.label = options.label ?? redactDatabaseUrl(url);
    this.pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 30_000 });
    // An idle connection the server dropped must not crash the process: the pool replaces it.
    this.pool.on('error', () => {});
  }

  /** Runs one query, turning a database failure into StoreWriteError (the URL's password never shown). */
  async q<R extends pg.QueryResultRow = pg.QueryResultRow>(db: Q, text: string, values: unknown[] = [], name?: string): Promise<pg.QueryResult<R>> {
    if (this.closed) throw new StoreClosedError();
    try {
      // A named statement is parsed and planned once per connection (the hot paths: answers, boards).
      return await db.query<R>(name ? { name, text, values } : { text, values });
    } catch (err) {
      throw new DbError((err as Error).message, { cause: err });
    }
  }

  /**
   * Runs `fn` in a transaction on one connection; commits unless `rollback` (then what `fn` did is undone
   * and its result still returned). Retries on deadlock or serialisation failure.
   */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, options: { rollback?: boolean; withBegin?: string } = {}): Promise<T> {
    if (this.closed) throw new StoreClosedError();
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw this.writeError(err);
      }
      let broken = false;
      try {
        // `withBegin` (statements without parameters) goes in the same round trip as BEGIN.
        await client.query(options.withBegin ? `BEGIN; ${options.withBegin}` : 'BEGIN');
        const result = await fn(client);
        await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (err) {
        try { await client.query('ROLLBACK'); } catch { broken = true; }
        const cause = err instanceof DbError ? err.cause : err;
        if (isRetryable(cause) && attempt < MAX_ATTEMPTS) continue;
        throw err instanceof DbError ? this.writeError(cause) : err;
      } finally {
        client.release(broken);
      }
    }
  }

  /** A read outside a transaction, with the same error translation. */
  async read<T>(fn: (db: Q) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pool);
    } catch (err) {
      throw err instanceof DbError ? this.writeError(err.cause) : err;
    }
  }

  private writeError(err: unknown): StoreWriteError {
    return new StoreWriteError(`PostgreSQL (${this.label}): ${(err as Error)?.message ?? String(err)}`, this.label, { cause: err });
  }

  workspace(id: string): WorkspacePort {
    checkId('workspace', id);
    return new PgWorkspace(this, id);
  }

  async workspaces(): Promise<string[]> {
    return this.read(async (db) => (await this.q<{ id: string }>(db,
      'SELECT workspace_id AS id FROM members UNION SELECT workspace_id FROM channels UNION SELECT DISTINCT workspace_id FROM score_log')).rows.map((r) => r.id));
  }

  async activeChannels(): Promise<ActiveChannel[]> {
    return this.read(async (db) => {
      const { rows } = await this.q<ChannelRow>(db, `${CHANNEL_VIEW_SQL}
        WHERE c.platform IS NOT NULL AND (c.scheduled OR EXISTS (
          SELECT 1 FROM (SELECT revealed_at, reveal_at FROM challenges l WHERE l.workspace_id = c.workspace_id AND l.channel_id = c.channel_id ORDER BY l.seq DESC LIMIT 1) latest
          WHERE latest.revealed_at IS NULL AND latest.reveal_at IS NOT NULL))`, []);
      return rows.map((r) => ({ workspace: r.workspace_id, channel: channelView(r) }));
    });
  }

  async openIncidents(): Promise<{ workspace: string; channel: string; incident: IncidentData }[]> {
    return this.read(async (db) => (await this.q<{ workspace_id: string; channel_id: string; data: IncidentData }>(db,
      'SELECT workspace_id, channel_id, data FROM incidents WHERE open ORDER BY workspace_id, incident_id')).rows
      .map((r) => ({ workspace: r.workspace_id, channel: r.channel_id, incident: r.data })));
  }

  async wallByTokenHash(tokenHash: string): Promise<{ workspace: string; channel: string; wall: WallData } | null> {
    return this.read(async (db) => {
      const { rows } = await this.q<WallRow & { workspace_id: string; channel_id: string }>(db,
        'SELECT workspace_id, channel_id, wall_token_hash, wall_created_at, wall_created_by FROM channels WHERE wall_token_hash = $1', [tokenHash]);
      const r = rows[0];
      return r ? { workspace: r.workspace_id, channel: r.channel_id, wall: wallOf(r)! } : null;
    });
  }

  async linkKey(create: () => string): Promise<string> {
    return this.read(async (db) => {
      const existing = (await this.q<{ value: string }>(db, `SELECT value FROM coach_settings WHERE key = 'linkKey'`)).rows[0];
      if (existing) return existing.value;
      await this.q(db, `INSERT INTO coach_settings (key, value) VALUES ('linkKey', $1) ON CONFLICT (key) DO NOTHING`, [create()]);
      return (await this.q<{ value: string }>(db, `SELECT value FROM coach_settings WHERE key = 'linkKey'`)).rows[0]!.value;
    });
  }

  async readLog(workspace?: string): Promise<LogEntry[]> {
    return this.read(async (db) => {
      const { rows } = workspace === undefined
        ? await this.q<LogRow>(db, `${LOG_SQL} ORDER BY id`)
        : await this.q<LogRow>(db, `${LOG_SQL} WHERE workspace_id = $1 ORDER BY id`, [workspace]);
      return rows.map((r) => ({ workspace: r.workspace_id, ...eventOf(r) }));
    });
  }

  // Issue 13: edges (installations, purge, wall page) — helper i13-edges
  async workspaceHoldings(workspace: string): Promise<WorkspacePurgeReport> {
    checkId('workspace', workspace);
    return this.read((db) => this.holdings(db, workspace));
  }

  /**
   * One transaction: the counts, then every row naming the workspace. The score log's trigger lets these
   * deletes through only for the workspace named in `coach.purge_workspace` (set for this transaction
   * alone: migrations/1764500000000). Tables added later with a workspace_id column (another feature's
   * migration) are emptied of it too, before the known ones (their keys may point at channels).
   */
  async purgeWorkspace(workspace: string): Promise<WorkspacePurgeReport> {
    checkId('workspace', workspace);
    return this.tx(async (c) => {
      const report = await this.holdings(c, workspace);
      try {
        await deleteWorkspaceRows(c, workspace);
      } catch (err) {
        throw new DbError((err as Error).message, { cause: err });
      }
      // Shared-work keys name their workspace second (`slot:W:C:DAY`, `offer:W:C:P`), as the JSON store reads them.
      await this.q(c, "DELETE FROM claims WHERE split_part(key, ':', 2) = $1", [workspace]);
      return report;
    });
  }

  private async holdings(db: Q, workspace: string): Promise<WorkspacePurgeReport> {
    const r = (await this.q<{ members: number; channels: number; challenges: number; incidents: number; log: number; totals: number }>(db, `
      SELECT (SELECT count(*) FROM members WHERE workspace_id = $1)::int AS members,
             (SELECT count(*) FROM channels WHERE workspace_id = $1)::int AS channels,
             (SELECT count(*) FROM challenges WHERE workspace_id = $1)::int AS challenges,
             (SELECT count(*) FROM incidents WHERE workspace_id = $1)::int AS incidents,
             (SELECT count(*) FROM score_log WHERE workspace_id = $1)::int AS log,
             (SELECT count(*) FROM totals WHERE workspace_id = $1)::int AS totals`, [workspace])).rows[0]!;
    return {
      workspace, found: r.members + r.channels + r.totals > 0, members: r.members, channels: r.channels, challenges: r.challenges,
      incidents: r.incidents, logEntries: r.log, installations: [],
    };
  }

  private async pruneNow(db: Q, now: Date): Promise<void> {
    if (++this.calls % PRUNE_EVERY !== 0) return;
    await this.q(db, 'DELETE FROM claims WHERE started_at < $1', [new Date(now.getTime() - CLAIM_RETENTION_MS)]);
    await this.q(db, 'DELETE FROM deliveries WHERE until <= $1', [now]);
  }

  async claim(key: string, owner: string, leaseMs: number, now: Date): Promise<ClaimOutcome> {
    checkId('claim', key);
    await this.read((db) => this.pruneNow(db, now));
    const until = new Date(now.getTime() + leaseMs);
    return this.tx(async (c): Promise<ClaimOutcome> => {
      // Free, expired (its holder died or the cool-down passed), or ours: take it. Done: never.
      const current = (await this.q<{ owner: string; until: Date; done: boolean }>(c, 'SELECT owner, until, done FROM claims WHERE key = $1 FOR UPDATE', [key])).rows[0];
      if (current?.done) return { kind: 'done' };
      if (current && current.owner !== owner && current.until.getTime() > now.getTime()) return { kind: 'held', until: iso(current.until)!, owner: current.owner };
      if (!current) {
        // Two first claims at once: the key decides, the loser is told who holds it.
        const inserted = await this.q(c, 'INSERT INTO claims (key, owner, started_at, until) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING', [key, owner, now, until]);
        if (inserted.rowCount === 1) return { kind: 'claimed', until: until.toISOString() };
        const winner = (await this.q<{ owner: string; until: Date; done: boolean }>(c, 'SELECT owner, until, done FROM claims WHERE key = $1', [key])).rows[0]!;
        if (winner.owner !== owner) return winner.done ? { kind: 'done' } : { kind: 'held', until: iso(winner.until)!, owner: winner.owner };
      }
      const mine = current?.owner === owner;
      await this.q(c, `UPDATE claims SET owner = $2, until = $3, started_at = CASE WHEN $4 THEN started_at ELSE $5 END WHERE key = $1`, [key, owner, until, mine, now]);
      return { kind: 'claimed', until: until.toISOString(), ...(current && !mine ? { previous: current.owner } : {}) };
    });
  }

  async release(key: string, owner: string, done: boolean): Promise<void> {
    await this.read(async (db) => {
      if (done) await this.q(db, 'UPDATE claims SET done = true WHERE key = $1 AND owner = $2 AND NOT done', [key, owner]);
      else await this.q(db, 'DELETE FROM claims WHERE key = $1 AND owner = $2 AND NOT done', [key, owner]);
    });
  }

  async firstDelivery(id: string, ttlMs: number, now: Date): Promise<boolean> {
    return this.read(async (db) => {
      await this.pruneNow(db, now);
      const { rows } = await this.q(db, `
        INSERT INTO deliveries AS d (id, until) VALUES ($1, $2)
        ON CONFLICT (id) DO UPDATE SET until = EXCLUDED.until WHERE d.until <= $3
        RETURNING 1`, [id, new Date(now.getTime() + ttlMs), now]);
      return rows.length === 1;
    });
  }

  /**
   * One query on a pooled connection (the schema's migrations table), answered within HEALTH_TIMEOUT_MS
   * (a load balancer's probe gives up after a few seconds): ok, or what went wrong.
   */
  async health(): Promise<{ ok: boolean; detail?: string }> {
    if (this.closed) return { ok: false, detail: 'store closed' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS); });
    try {
      await Promise.race([this.pool.query('SELECT 1 FROM pgmigrations LIMIT 1'), timeout]);
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: `database unreachable (${this.label}): ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

// ── rows and their conversion ──

interface ChallengeRow {
  challenge_id: string; seq: string; scenario_id: string; day: string; posted_at: Date | string; reveal_at: Date | string | null; revealed_at: Date | string | null;
  summary: ChallengeData['summary'] | null; post_ref: unknown; extra: Record<string, unknown>; answer_count?: number;
}
interface ChannelRow { workspace_id: string; channel_id: string; settings: ChannelSettings; heads: ChallengeRow[] | null }
interface AnswerRow { member_id: string; at: Date; choice: number | null; covered: string[]; missed: string[]; flags: string[]; score: number; streak_bonus: number; lang: AnswerData['lang'] | null; extra: Record<string, unknown> }
interface TotalsRow { member_id: string; points: number; week: string; week_points: number; streak: number; best_streak: number; last_day: string | null; answers: number }
interface MemberRow { member_id: string; name: string | null; lang: MemberView['lang'] | null; opt_out: boolean | null; extra: Record<string, unknown> }
interface WallRow { wall_token_hash: string | null; wall_created_at: Date | null; wall_created_by: string | null }
interface LogRow { workspace_id: string; channel_id: string; member_id: string; at: Date; delta: number; kind: ScoreEvent['kind']; reason: string; by_id: string; challenge_id: string | null; incident_id: string | null; extra: Record<string, unknown> }

const LOG_SQL = 'SELECT workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id, incident_id, extra FROM score_log';
const CHALLENGE_COLUMNS = 'challenge_id, seq, scenario_id, day, posted_at, reveal_at, revealed_at, summary, post_ref, extra';
const ANSWER_COLUMNS = 'member_id, at, choice, covered, missed, flags, score, streak_bonus, lang, extra';
const TOTALS_COLUMNS = 'member_id, points, week, week_points, streak, best_streak, last_day, answers';

/** Channels with their RECENT_CHALLENGES latest challenges (heads with answer counts), one row each; add a WHERE on `c`. */
const CHANNEL_VIEW_SQL = `
  SELECT c.workspace_id, c.channel_id, c.settings, h.heads FROM channels c
  LEFT JOIN LATERAL (
    SELECT json_agg(x ORDER BY x.seq) AS heads FROM (
      SELECT ${CHALLENGE_COLUMNS.split(', ').map((col) => `ch.${col}`).join(', ')},
        (SELECT count(*)::int FROM answers a WHERE a.workspace_id = ch.workspace_id AND a.channel_id = ch.channel_id AND a.challenge_id = ch.challenge_id) AS answer_count
      FROM challenges ch WHERE ch.workspace_id = c.workspace_id AND ch.channel_id = c.channel_id
      ORDER BY ch.seq DESC LIMIT ${RECENT_CHALLENGES}) x) h ON true`;

function headOf(r: ChallengeRow, answerCount = r.answer_count ?? 0): ChallengeHead {
  return {
    ...r.extra,
    id: r.challenge_id, scenarioId: r.scenario_id, day: r.day, postedAt: iso(r.posted_at)!, revealAt: iso(r.reveal_at), revealedAt: iso(r.revealed_at),
    ...(r.summary ? { summary: r.summary } : {}),
    ...(r.post_ref !== null && r.post_ref !== undefined ? { postRef: r.post_ref } : {}),
    answerCount,
  };
}

function challengeOf(r: ChallengeRow, answers: AnswerRow[]): ChallengeData {
  const { answerCount: _n, ...head } = headOf(r);
  return { ...head, answers: Object.fromEntries(answers.map((a) => [a.member_id, answerOf(a)])) };
}

function answerOf(r: AnswerRow): AnswerData {
  return {
    ...r.extra,
    at: iso(r.at)!, choice: r.choice, covered: r.covered, missed: r.missed, flags: r.flags, score: r.score, streakBonus: r.streak_bonus,
    ...(r.lang ? { lang: r.lang } : {}),
  };
}

function totalsOf(r: TotalsRow): MemberTotals {
  return { points: r.points, week: r.week, weekPoints: r.week_points, streak: r.streak, bestStreak: r.best_streak, lastDay: r.last_day, answers: r.answers };
}

function memberOf(r: MemberRow): MemberView {
  return {
    ...r.extra,
    ...(r.name !== null ? { name: r.name } : {}),
    ...(r.lang !== null ? { lang: r.lang } : {}),
    ...(r.opt_out !== null ? { optOut: r.opt_out } : {}),
  };
}

/** A member's entry as columns: the known fields, the rest in `extra` (so optional fields added later are kept). */
function memberColumns(m: MemberView): [string | null, string | null, boolean | null, Record<string, unknown>] {
  const { name, lang, optOut, ...extra } = m;
  return [typeof name === 'string' ? name : null, lang === 'fr' || lang === 'en' ? lang : null, typeof optOut === 'boolean' ? optOut : null, extra];
}

function channelView(r: ChannelRow): ChannelView {
  return { ...r.settings, id: r.channel_id, challenges: (r.heads ?? []).map((h) => headOf(h)) };
}

function wallOf(r: WallRow): WallData | null {
  return r.wall_token_hash ? { tokenHash: r.wall_token_hash, createdAt: iso(r.wall_created_at)!, createdBy: r.wall_created_by! } : null;
}

function eventOf(r: LogRow): ScoreEvent {
  return {
    ...r.extra,
    at: iso(r.at)!, channel: r.channel_id, user: r.member_id, delta: r.delta, kind: r.kind, reason: r.reason, by: r.by_id,
    ...(r.challenge_id !== null ? { challengeId: r.challenge_id } : {}),
    ...(r.incident_id !== null ? { incidentId: r.incident_id } : {}),
  };
}

/** A channel's default settings (domain/channel-defaults.ts emptyChannel without its collections). */
function defaultSettings(): ChannelSettings {
  const { challenges: _c, totals: _t, incidents: _i, wall: _w, ...settings } = emptyChannel();
  return settings;
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

class PgWorkspace implements WorkspacePort {
  constructor(private readonly port: PgPort, readonly workspace: string) {}

  private q<R extends pg.QueryResultRow = pg.QueryResultRow>(db: Q, text: string, values: unknown[] = [], name?: string) {
    return this.port.q<R>(db, text, values, name);
  }

  // ── Members ──
  async member(user: string): Promise<MemberView | null> {
    checkId('member', user);
    return this.port.read(async (db) => {
      const r = (await this.q<MemberRow>(db, 'SELECT member_id, name, lang, opt_out, extra FROM members WHERE workspace_id = $1 AND member_id = $2', [this.workspace, user])).rows[0];
      return r ? memberOf(r) : null;
    });
  }

  async members(users: readonly string[]): Promise<Record<string, MemberView>> {
    if (users.length > 1000) throw new RangeError(`members: at most 1,000 ids at once (${users.length} asked)`);
    if (users.length === 0) return {};
    return this.port.read(async (db) => {
      const { rows } = await this.q<MemberRow>(db, 'SELECT member_id, name, lang, opt_out, extra FROM members WHERE workspace_id = $1 AND member_id = ANY($2::text[])', [this.workspace, [...users]]);
      return Object.fromEntries(rows.map((r) => [r.member_id, memberOf(r)]));
    });
  }

  async updateMember(user: string, fn: (member: MemberView) => void, options: { create?: boolean } = {}): Promise<MemberView | null> {
    checkId('member', user);
    return this.port.tx(async (c) => {
      if (options.create) await this.q(c, 'INSERT INTO members (workspace_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [this.workspace, user]);
      const r = (await this.q<MemberRow>(c, 'SELECT member_id, name, lang, opt_out, extra FROM members WHERE workspace_id = $1 AND member_id = $2 FOR UPDATE', [this.workspace, user])).rows[0];
      if (!r) return null;
      const copy = memberOf(r);
      fn(copy);
      const [name, lang, optOut, extra] = memberColumns(copy);
      await this.q(c, 'UPDATE members SET name = $3, lang = $4, opt_out = $5, extra = $6 WHERE workspace_id = $1 AND member_id = $2', [this.workspace, user, name, lang, optOut, extra]);
      // The boards' copy of the opt-out moves with it.
      await this.q(c, 'UPDATE totals SET opt_out = $3 WHERE workspace_id = $1 AND member_id = $2 AND opt_out <> $3', [this.workspace, user, optOut === true]);
      return memberOf({ member_id: user, name, lang: lang as MemberView['lang'] | null, opt_out: optOut, extra });
    });
  }

  // ── Channels ──
  async channel(channel: string): Promise<ChannelView | null> {
    checkId('channel', channel);
    return this.port.read(async (db) => {
      const r = (await this.q<ChannelRow>(db, `${CHANNEL_VIEW_SQL} WHERE c.workspace_id = $1 AND c.channel_id = $2`, [this.workspace, channel])).rows[0];
      return r ? channelView(r) : null;
    });
  }

  async channels(): Promise<ChannelView[]> {
    return this.port.read(async (db) => (await this.q<ChannelRow>(db, `${CHANNEL_VIEW_SQL} WHERE c.workspace_id = $1 ORDER BY c.seq`, [this.workspace])).rows.map(channelView));
  }

  /** Makes the channel with its defaults when unknown (inside the caller's transaction). */
  private async ensureChannel(c: Q, channel: string): Promise<void> {
    await this.q(c, 'INSERT INTO channels (workspace_id, channel_id, settings) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [this.workspace, channel, defaultSettings()]);
  }

  async updateChannel<T>(channel: string, fn: (settings: ChannelSettings) => T, options: { create?: boolean } = {}): Promise<{ found: true; result: T; settings: ChannelSettings } | { found: false }> {
    checkId('channel', channel);
    const create = options.create ?? true;
    return this.port.tx(async (c) => {
      if (create) await this.ensureChannel(c, channel);
      const r = (await this.q<{ settings: ChannelSettings }>(c, 'SELECT settings FROM channels WHERE workspace_id = $1 AND channel_id = $2 FOR UPDATE', [this.workspace, channel])).rows[0];
      if (!r) return { found: false } as const;
      const copy = structuredClone(r.settings);
      const result = fn(copy);
      if (isThenable(result)) throw new TypeError('updateChannel(fn): fn must be synchronous');
      const settings = { ...copy } as Record<string, unknown>;
      for (const key of ['challenges', 'totals', 'incidents', 'wall']) delete settings[key];
      await this.q(c, 'UPDATE channels SET settings = $3 WHERE workspace_id = $1 AND channel_id = $2', [this.workspace, channel, settings]);
      return { found: true, result, settings: structuredClone(settings) as ChannelSettings } as const;
    });
  }

  // ── Challenges ──

  /** The challenge row by id, or the channel's latest when id is null. */
  private async challengeRow(db: Q, channel: string, id: string | null, lock = ''): Promise<ChallengeRow | undefined> {
    const { rows } = id === null
      ? await this.q<ChallengeRow>(db, `SELECT ${CHALLENGE_COLUMNS} FROM challenges WHERE workspace_id = $1 AND channel_id = $2 ORDER BY seq DESC LIMIT 1 ${lock}`, [this.workspace, channel])
      : await this.q<ChallengeRow>(db, `SELECT ${CHALLENGE_COLUMNS} FROM challenges WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 ${lock}`, [this.workspace, channel, id]);
    return rows[0];
  }

  private async answerCount(db: Q, channel: string, id: string): Promise<number> {
    return (await this.q<{ n: number }>(db, 'SELECT count(*)::int AS n FROM answers WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3', [this.workspace, channel, id])).rows[0]!.n;
  }

  private async fullChallenge(db: Q, channel: string, r: ChallengeRow): Promise<ChallengeData> {
    const { rows } = await this.q<AnswerRow>(db, `SELECT ${ANSWER_COLUMNS} FROM answers WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 ORDER BY at, member_id`, [this.workspace, channel, r.challenge_id]);
    return challengeOf(r, rows);
  }

  async challenge(channel: string, id: string | null): Promise<ChallengeData | null> {
    checkId('channel', channel);
    return this.port.read(async (db) => {
      const r = await this.challengeRow(db, channel, id);
      return r ? this.fullChallenge(db, channel, r) : null;
    });
  }

  async memberAnswer(channel: string, id: string | null, user: string): Promise<{ challenge: ChallengeHead; answer: AnswerData | null } | null> {
    checkId('channel', channel);
    checkId('member', user);
    return this.port.read(async (db) => {
      const r = await this.challengeRow(db, channel, id);
      if (!r) return null;
      const a = (await this.q<AnswerRow>(db, `SELECT ${ANSWER_COLUMNS} FROM answers WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND member_id = $4`, [this.workspace, channel, r.challenge_id, user])).rows[0];
      return { challenge: headOf(r, await this.answerCount(db, channel, r.challenge_id)), answer: a ? answerOf(a) : null };
    });
  }

  async createChallenge(channel: string, challenge: NewChallenge, options: { expectLatest: string | null; rotation: ChannelData['rotation']; choiceCount: (scenarioId: string) => number }): Promise<CreateChallengeOutcome> {
    checkId('channel', channel);
    checkId('challenge', challenge.id);
    return this.port.tx(async (c): Promise<CreateChallengeOutcome> => {
      await this.ensureChannel(c, channel);
      // One post at a time per channel, across replicas.
      await this.q(c, 'SELECT 1 FROM channels WHERE workspace_id = $1 AND channel_id = $2 FOR UPDATE', [this.workspace, channel]);
      const sameDay = (await this.q<ChallengeRow>(c, `SELECT ${CHALLENGE_COLUMNS} FROM challenges WHERE workspace_id = $1 AND channel_id = $2 AND day = $3`, [this.workspace, channel, challenge.day])).rows[0];
      if (sameDay) return { kind: 'exists', challenge: await this.fullChallenge(c, channel, sameDay) };
      const latest = await this.challengeRow(c, channel, null);
      if ((latest?.challenge_id ?? null) !== options.expectLatest) return { kind: 'conflict' };
      let revealed: ChallengeData | null = null;
      if (latest && latest.revealed_at === null) {
        await this.q(c, `SELECT pg_advisory_xact_lock(${challengeLock(this.workspace, channel, latest.challenge_id)})`);
        const r = (await this.q<ChallengeRow>(c, `UPDATE challenges SET revealed_at = $4 WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 RETURNING ${CHALLENGE_COLUMNS}`,
          [this.workspace, channel, latest.challenge_id, challenge.postedAt])).rows[0]!;
        revealed = await this.fullChallenge(c, channel, r);
      }
      await this.q(c, `UPDATE channels SET settings = jsonb_set(settings, '{rotation}', $3::jsonb) WHERE workspace_id = $1 AND channel_id = $2`, [this.workspace, channel, JSON.stringify(options.rotation)]);
      const r = (await this.q<ChallengeRow>(c, `INSERT INTO challenges (workspace_id, channel_id, challenge_id, scenario_id, day, posted_at, reveal_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CHALLENGE_COLUMNS}`,
        [this.workspace, channel, challenge.id, challenge.scenarioId, challenge.day, challenge.postedAt, challenge.revealAt])).rows[0]!;
      await this.compactOld(c, channel, options.choiceCount);
      return { kind: 'created', challenge: challengeOf(r, []), revealed };
    });
  }

  /** The revealed challenge KEEP_ANSWERS_OF_LAST places back keeps only its counts (ChallengeData.summary). */
  private async compactOld(c: Q, channel: string, choiceCount: (scenarioId: string) => number): Promise<void> {
    const old = (await this.q<ChallengeRow>(c, `SELECT ${CHALLENGE_COLUMNS} FROM challenges WHERE workspace_id = $1 AND channel_id = $2 ORDER BY seq DESC OFFSET $3 LIMIT 1`,
      [this.workspace, channel, KEEP_ANSWERS_OF_LAST])).rows[0];
    if (!old || old.summary || old.revealed_at === null) return;
    const { rows } = await this.q<{ choice: number | null; score: number }>(c, 'DELETE FROM answers WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 RETURNING choice, score', [this.workspace, channel, old.challenge_id]);
    const summary = {
      answers: rows.length,
      choices: Array.from({ length: choiceCount(old.scenario_id) }, (_, i) => rows.filter((a) => a.choice === i).length),
      ownWords: rows.filter((a) => a.choice === null).length,
      scoreSum: rows.reduce((sum, a) => sum + a.score, 0),
    };
    await this.q(c, 'UPDATE challenges SET summary = $4 WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3', [this.workspace, channel, old.challenge_id, summary]);
  }

  async markRevealed(channel: string, id: string | null, at: string): Promise<ChallengeData | null> {
    checkId('channel', channel);
    return this.port.tx(async (c) => {
      const target = await this.challengeRow(c, channel, id);
      if (!target) return null;
      // Answers in flight finish first (they hold the challenge's lock shared, see recordAnswer).
      await this.q(c, `SELECT pg_advisory_xact_lock(${challengeLock(this.workspace, channel, target.challenge_id)})`);
      // The WHERE is checked again on the locked row: of concurrent reveals exactly one updates it.
      const r = (await this.q<ChallengeRow>(c, `UPDATE challenges SET revealed_at = $4 WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND revealed_at IS NULL RETURNING ${CHALLENGE_COLUMNS}`,
        [this.workspace, channel, target.challenge_id, at])).rows[0];
      return r ? this.fullChallenge(c, channel, r) : null;
    });
  }

  async setPostRef(channel: string, challengeId: string, postRef: unknown): Promise<boolean> {
    checkId('channel', channel);
    return this.port.read(async (db) => (await this.q(db, 'UPDATE challenges SET post_ref = $4 WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3',
      [this.workspace, channel, challengeId, JSON.stringify(postRef ?? null)])).rowCount === 1);
  }

  async recordAnswer(channel: string, input: AnswerInputRecord): Promise<RecordAnswerOutcome> {
    checkId('channel', channel);
    checkId('member', input.user);
    const ws = this.workspace;
    const already = async (db: Q): Promise<RecordAnswerOutcome | null> => {
      const r = await this.challengeRow(db, channel, input.challengeId);
      if (!r) return { kind: 'none' };
      const a = (await this.q<AnswerRow>(db, `SELECT ${ANSWER_COLUMNS} FROM answers WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND member_id = $4`, [ws, channel, r.challenge_id, input.user])).rows[0];
      if (a) return { kind: 'already', challenge: headOf(r, await this.answerCount(db, channel, r.challenge_id)), answer: answerOf(a) };
      if (r.revealed_at !== null) return { kind: 'closed', challenge: headOf(r, await this.answerCount(db, channel, r.challenge_id)) };
      return null;
    };
    // The usual case in two round trips (see recordOnce); the rare one it cannot settle (the totals
    // changed since they were read, a reveal or the same member's other answer in between) takes the
    // locked transaction below, which settles every case.
    const fast = await this.recordOnce(channel, input);
    if (fast) return fast;
    const outcome = await this.port.tx(async (c): Promise<RecordAnswerOutcome | 'raced'> => {
      // The challenge's lock, shared (taken with BEGIN): a reveal takes it exclusively, so it waits until this
      // answer is in, or is seen by the read below. An advisory lock, not FOR SHARE on the row: a thousand
      // members answering at once would each rewrite the row's lock word.
      // One read: the challenge, the member's answer if any, the day of the challenge before, the answer count,
      // and the member's totals, locked (FOR UPDATE).
      const read = (await this.q<ChallengeRow & { previous_day: string | null; answered: AnswerRow | null; before: TotalsRow | null }>(c, `
        SELECT ${CHALLENGE_COLUMNS.split(', ').map((col) => `ch.${col}`).join(', ')},
          (SELECT p.day FROM challenges p WHERE p.workspace_id = ch.workspace_id AND p.channel_id = ch.channel_id AND p.seq < ch.seq ORDER BY p.seq DESC LIMIT 1) AS previous_day,
          (SELECT row_to_json(a) FROM (SELECT ${ANSWER_COLUMNS} FROM answers a WHERE a.workspace_id = ch.workspace_id AND a.channel_id = ch.channel_id AND a.challenge_id = ch.challenge_id AND a.member_id = $4) a) AS answered,
          (SELECT count(*)::int FROM answers n WHERE n.workspace_id = ch.workspace_id AND n.channel_id = ch.channel_id AND n.challenge_id = ch.challenge_id) AS answer_count,
          (SELECT row_to_json(t) FROM (SELECT ${TOTALS_COLUMNS} FROM totals t WHERE t.workspace_id = ch.workspace_id AND t.channel_id = ch.channel_id AND t.member_id = $4 FOR UPDATE) t) AS before
        FROM challenges ch WHERE ch.workspace_id = $1 AND ch.channel_id = $2 AND ch.challenge_id = $3`, [ws, channel, input.challengeId, input.user], 'answer-read')).rows[0];
      if (!read) return { kind: 'none' };
      if (read.answered) return { kind: 'already', challenge: headOf(read), answer: answerOf({ ...read.answered, at: new Date(read.answered.at) }) };
      if (read.revealed_at !== null) return { kind: 'closed', challenge: headOf(read) };
      // The member's totals were locked by that read (FOR UPDATE): their answers and awards count one at a time.
      const before = read.before;
      const { streak, bonus } = input.streak(before ? totalsOf(before) : null, read.previous_day, read.day, input.answer.score);
      const gained = input.answer.score + bonus;
      const events = [{ delta: input.answer.score, kind: 'answer', reason: `challenge ${read.challenge_id}` }, ...(bonus > 0 ? [{ delta: bonus, kind: 'streak', reason: `${streak}-day streak` }] : [])];
      const values = answerValues(ws, channel, read.challenge_id, input);
      values.splice(10, 0, bonus); // streak_bonus, between score and lang
      // One statement writes the rest, all of it only when the answer went in (its key decides).
      const written = (await this.q<TotalsRow & { inserted: number }>(c, `
        WITH a AS (
          INSERT INTO answers (workspace_id, channel_id, challenge_id, member_id, at, choice, covered, missed, flags, score, streak_bonus, lang, extra)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING RETURNING 1
        ), m AS (
          INSERT INTO members AS m (workspace_id, member_id, name) SELECT $1, $4, $14 WHERE EXISTS (SELECT 1 FROM a)
          ON CONFLICT (workspace_id, member_id) DO UPDATE SET name = coalesce(EXCLUDED.name, m.name) WHERE $14::text IS NOT NULL AND m.name IS DISTINCT FROM EXCLUDED.name
        ), t AS (
          INSERT INTO totals AS t (workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out)
          SELECT $1, $2, $4, $16, $15, $16, $17, $17, $18, 1,
            coalesce((SELECT opt_out FROM members o WHERE o.workspace_id = $1 AND o.member_id = $4), false)
          WHERE EXISTS (SELECT 1 FROM a)
          ON CONFLICT (workspace_id, channel_id, member_id) DO UPDATE SET
            points = t.points + $16, week = $15,
            week_points = CASE WHEN t.week = $15 THEN t.week_points + $16 ELSE $16 END,
            streak = $17, best_streak = greatest(t.best_streak, $17), last_day = $18, answers = t.answers + 1
          RETURNING ${TOTALS_COLUMNS}
        ), l AS (
          INSERT INTO score_log (workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id)
          SELECT $1, $2, $4, $5, e.delta, e.kind, e.reason, $4, $3
          FROM ROWS FROM (jsonb_to_recordset($19::jsonb) AS (delta integer, kind text, reason text)) WITH ORDINALITY AS e(delta, kind, reason, n)
          WHERE EXISTS (SELECT 1 FROM a) ORDER BY e.n
        )
        SELECT (SELECT count(*)::int FROM a) AS inserted, t.* FROM (SELECT 1) one LEFT JOIN t ON true`,
        [...values, input.name ?? null, input.week, gained, streak, read.day, JSON.stringify(events)], 'answer-write')).rows[0]!;
      // The same member's other answer got in first (it waited on the key): theirs stands.
      if (written.inserted !== 1) return 'raced';
      const answer: AnswerData = { ...structuredClone(input.answer), streakBonus: bonus };
      return { kind: 'recorded', challenge: headOf(read, (read.answer_count ?? 0) + 1), answer, totals: totalsOf(written), streak };
    }, { withBegin: `SELECT pg_advisory_xact_lock_shared(${challengeLock(ws, channel, input.challengeId)})` });
    if (outcome !== 'raced') return outcome;
    return this.port.read(async (db) => (await already(db)) ?? { kind: 'none' });
  }

  /**
   * recordAnswer in two round trips and no BEGIN/COMMIT: (1) one unlocked read of the challenge, the
   * member's answer, the day before and the member's totals with their row version (xmin); the streak
   * rule runs on them; (2) one call of coach_record_answer (migrations/1764800000000_record-answer.sql),
   * one transaction that takes the challenge's lock shared, checks the challenge is still open and the
   * totals still at the version read (locked), and writes the answer, the member, the totals and the
   * score events, or nothing. Resolves null when it wrote nothing and the case needs the locked
   * transaction (a reveal, the member's other answer or an award in between, a deadlock); the outcome
   * otherwise. Both statements are named, so each connection plans them once.
   */
  private async recordOnce(channel: string, input: AnswerInputRecord): Promise<RecordAnswerOutcome | null> {
    const ws = this.workspace;
    return this.port.read(async (db) => {
      const read = (await this.q<ChallengeRow & { previous_day: string | null; answered: AnswerRow | null; before: (TotalsRow & { version: string }) | null }>(db, `
        SELECT ${CHALLENGE_COLUMNS.split(', ').map((col) => `ch.${col}`).join(', ')},
          (SELECT p.day FROM challenges p WHERE p.workspace_id = ch.workspace_id AND p.channel_id = ch.channel_id AND p.seq < ch.seq ORDER BY p.seq DESC LIMIT 1) AS previous_day,
          (SELECT row_to_json(a) FROM (SELECT ${ANSWER_COLUMNS} FROM answers a WHERE a.workspace_id = ch.workspace_id AND a.channel_id = ch.channel_id AND a.challenge_id = ch.challenge_id AND a.member_id = $4) a) AS answered,
          (SELECT count(*)::int FROM answers n WHERE n.workspace_id = ch.workspace_id AND n.channel_id = ch.channel_id AND n.challenge_id = ch.challenge_id) AS answer_count,
          (SELECT row_to_json(t) FROM (SELECT ${TOTALS_COLUMNS}, t.xmin::text AS version FROM totals t WHERE t.workspace_id = ch.workspace_id AND t.channel_id = ch.channel_id AND t.member_id = $4) t) AS before
        FROM challenges ch WHERE ch.workspace_id = $1 AND ch.channel_id = $2 AND ch.challenge_id = $3`, [ws, channel, input.challengeId, input.user], 'answer-peek')).rows[0];
      if (!read) return { kind: 'none' };
      if (read.answered) return { kind: 'already', challenge: headOf(read), answer: answerOf({ ...read.answered, at: new Date(read.answered.at) }) };
      if (read.revealed_at !== null) return { kind: 'closed', challenge: headOf(read) };
      const before = read.before;
      const { streak, bonus } = input.streak(before ? totalsOf(before) : null, read.previous_day, read.day, input.answer.score);
      const events = [{ delta: input.answer.score, kind: 'answer', reason: `challenge ${read.challenge_id}` }, ...(bonus > 0 ? [{ delta: bonus, kind: 'streak', reason: `${streak}-day streak` }] : [])];
      const values = answerValues(ws, channel, read.challenge_id, input);
      values.splice(10, 0, bonus); // p_bonus, between p_score and p_lang
      let written: { outcome: string; after: TotalsRow | null } | undefined;
      try {
        written = (await this.q<{ outcome: string; after: TotalsRow | null }>(db,
          'SELECT outcome, after FROM coach_record_answer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)',
          [...values, input.name ?? null, input.week, input.answer.score + bonus, streak, read.day, JSON.stringify(events),
            challengeLock(ws, channel, read.challenge_id), before?.version ?? null], 'answer-record')).rows[0];
      } catch (err) {
        if (err instanceof DbError && isRetryable(err.cause)) return null;
        throw err;
      }
      if (written?.outcome !== 'recorded' || !written.after) return null;
      const answer: AnswerData = { ...structuredClone(input.answer), streakBonus: bonus };
      return { kind: 'recorded', challenge: headOf(read, (read.answer_count ?? 0) + 1), answer, totals: totalsOf(written.after), streak };
    });
  }

  private async upsertMember(c: Q, user: string, name: string | undefined): Promise<void> {
    if (name) await this.q(c, 'INSERT INTO members (workspace_id, member_id, name) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, member_id) DO UPDATE SET name = EXCLUDED.name WHERE members.name IS DISTINCT FROM EXCLUDED.name', [this.workspace, user, name]);
    else await this.q(c, 'INSERT INTO members (workspace_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [this.workspace, user]);
  }

  /**
   * Adds `gained` points to the member's running totals in the channel (week column reset first when
   * `week` is a new one), in the caller's transaction; with `answer`, also counts an answer and sets the
   * streak and the last day. Returns the totals after.
   */
  private async addToTotals(c: Q, channel: string, user: string, week: string, gained: number, answer?: { streak: number; day: string }): Promise<MemberTotals> {
    const streak = answer?.streak ?? 0;
    const r = (await this.q<TotalsRow>(c, `
      INSERT INTO totals AS t (workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out)
      VALUES ($1, $2, $3, $5, $4, $5, $6, $6, $7, $8,
        coalesce((SELECT opt_out FROM members m WHERE m.workspace_id = $1 AND m.member_id = $3), false))
      ON CONFLICT (workspace_id, channel_id, member_id) DO UPDATE SET
        points = t.points + $5,
        week = $4,
        week_points = CASE WHEN t.week = $4 THEN t.week_points + $5 ELSE $5 END,
        streak = CASE WHEN $9 THEN $6 ELSE t.streak END,
        best_streak = CASE WHEN $9 THEN greatest(t.best_streak, $6) ELSE t.best_streak END,
        last_day = CASE WHEN $9 THEN $7 ELSE t.last_day END,
        answers = t.answers + $8
      RETURNING ${TOTALS_COLUMNS}`, [this.workspace, channel, user, week, gained, streak, answer?.day ?? null, answer ? 1 : 0, Boolean(answer)])).rows[0]!;
    return totalsOf(r);
  }

  private async logEvent(c: Q, channel: string, e: Omit<ScoreEvent, 'channel'>): Promise<void> {
    const { at, user, delta, kind, reason, by, challengeId, incidentId, ...extra } = e as ScoreEvent;
    await this.q(c, `INSERT INTO score_log (workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id, incident_id, extra) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [this.workspace, channel, user, at, delta, kind, reason, by, challengeId ?? null, incidentId ?? null, extra]);
  }

  /** An award or a drill's score, in the caller's transaction (port.ts WorkspacePort.award). */
  private async applyScore(c: Q, channel: string, score: ScoreInput): Promise<MemberTotals> {
    checkId('member', score.user);
    await this.ensureChannel(c, channel);
    await this.upsertMember(c, score.user, score.name);
    const totals = await this.addToTotals(c, channel, score.user, score.week, score.delta);
    await this.logEvent(c, channel, { at: score.at, user: score.user, delta: score.delta, kind: score.kind, reason: score.reason, by: score.by, ...(score.incidentId !== undefined ? { incidentId: score.incidentId } : {}) });
    return totals;
  }

  // ── Scores and boards ──
  async award(channel: string, score: ScoreInput): Promise<MemberTotals> {
    checkId('channel', channel);
    checkId('member', score.user);
    return this.port.tx((c) => this.applyScore(c, channel, score));
  }

  async totals(channel: string, user: string): Promise<MemberTotals | null> {
    checkId('channel', channel);
    return this.port.read(async (db) => {
      const r = (await this.q<TotalsRow>(db, `SELECT ${TOTALS_COLUMNS} FROM totals WHERE workspace_id = $1 AND channel_id = $2 AND member_id = $3`, [this.workspace, channel, user])).rows[0];
      return r ? totalsOf(r) : null;
    });
  }

  async channelBoard(channel: string, query: { week: string; viewer: string; limit: number }): Promise<ChannelBoardData> {
    checkId('channel', channel);
    const limit = Math.max(0, Math.floor(query.limit));
    return this.port.read(async (db) => {
      // Each list reads the board's index in order; each rank counts the rows shown above it (members who
      // opted out or were forgotten hold no rank, so a board never hints that someone hidden is there).
      const weekRows = (await this.q<TotalsRow & { name: string | null; rank: number }>(db, `
        SELECT ${TOTALS_COLUMNS.split(', ').map((col) => `t.${col}`).join(', ')}, m.name,
          1 + (SELECT count(*)::int FROM totals b WHERE b.workspace_id = t.workspace_id AND b.channel_id = t.channel_id AND b.week = t.week AND b.week_points > t.week_points AND NOT b.opt_out) AS rank
        FROM totals t LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.member_id = t.member_id
        WHERE t.workspace_id = $1 AND t.channel_id = $2 AND t.week = $3 AND NOT t.opt_out
        ORDER BY t.week_points DESC, t.seq LIMIT $4`, [this.workspace, channel, query.week, limit], 'board-week')).rows;
      const allRows = (await this.q<TotalsRow & { name: string | null; rank: number }>(db, `
        SELECT ${TOTALS_COLUMNS.split(', ').map((col) => `t.${col}`).join(', ')}, m.name,
          1 + (SELECT count(*)::int FROM totals b WHERE b.workspace_id = t.workspace_id AND b.channel_id = t.channel_id AND b.points > t.points AND NOT b.opt_out) AS rank
        FROM totals t LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.member_id = t.member_id
        WHERE t.workspace_id = $1 AND t.channel_id = $2 AND NOT t.opt_out
        ORDER BY t.points DESC, t.seq LIMIT $3`, [this.workspace, channel, limit], 'board-all')).rows;
      const mine = (await this.q<TotalsRow & { week_rank: number | null; all_rank: number }>(db, `
        SELECT ${TOTALS_COLUMNS.split(', ').map((col) => `t.${col}`).join(', ')},
          CASE WHEN t.week = $4 THEN 1 + (SELECT count(*)::int FROM totals b WHERE b.workspace_id = t.workspace_id AND b.channel_id = t.channel_id AND b.week = t.week AND b.week_points > t.week_points AND NOT b.opt_out) END AS week_rank,
          1 + (SELECT count(*)::int FROM totals b WHERE b.workspace_id = t.workspace_id AND b.channel_id = t.channel_id AND b.points > t.points AND NOT b.opt_out) AS all_rank
        FROM totals t WHERE t.workspace_id = $1 AND t.channel_id = $2 AND t.member_id = $3`, [this.workspace, channel, query.viewer, query.week], 'board-viewer')).rows[0];
      const row = (r: TotalsRow & { name: string | null; rank: number }, points: number): BoardRow => ({ rank: r.rank, user: r.member_id, name: r.name ?? undefined, points, totals: totalsOf(r) });
      return {
        week: weekRows.map((r) => row(r, r.week_points)),
        allTime: allRows.map((r) => row(r, r.points)),
        viewer: mine ? { weekRank: mine.week_rank, allTimeRank: mine.all_rank, totals: totalsOf(mine) } : null,
      };
    });
  }

  async teamsBoard(query: { week: string; limit: number }): Promise<TeamRow[]> {
    return this.port.read(async (db) => {
      const { rows } = await this.q<{ channel_id: string; name: string | null; points: number; week_points: number; members: number }>(db, `
        SELECT t.channel_id, c.name, sum(t.points)::int AS points, sum(CASE WHEN t.week = $2 THEN t.week_points ELSE 0 END)::int AS week_points, count(*)::int AS members
        FROM totals t JOIN channels c ON c.workspace_id = t.workspace_id AND c.channel_id = t.channel_id
        WHERE t.workspace_id = $1 GROUP BY t.channel_id, c.name`, [this.workspace, query.week]);
      const teams = rows.map((r) => ({ channel: r.channel_id, name: r.name ?? undefined, points: r.points, weekPoints: r.week_points, members: r.members }))
        .sort((a, b) => b.points - a.points || Number(!a.name) - Number(!b.name) || (a.name ?? '').localeCompare(b.name ?? '') || a.channel.localeCompare(b.channel));
      return teams.slice(0, query.limit).map((t) => ({ rank: 1 + teams.filter((o) => o.points > t.points).length, ...t }));
    });
  }

  async memberChannels(user: string): Promise<{ channel: string; name: string | undefined; points: number }[]> {
    checkId('member', user);
    return this.port.read(async (db) => {
      const { rows } = await this.q<{ channel_id: string; name: string | null; points: number }>(db, `
        SELECT t.channel_id, c.name, t.points FROM totals t JOIN channels c ON c.workspace_id = t.workspace_id AND c.channel_id = t.channel_id
        WHERE t.workspace_id = $1 AND t.member_id = $2`, [this.workspace, user]);
      return rows.map((r) => ({ channel: r.channel_id, name: r.name ?? undefined, points: r.points })).sort((a, b) => b.points - a.points || a.channel.localeCompare(b.channel));
    });
  }

  async readLog(): Promise<ScoreEvent[]> {
    return this.port.read(async (db) => (await this.q<LogRow>(db, `${LOG_SQL} WHERE workspace_id = $1 ORDER BY id`, [this.workspace])).rows.map(eventOf));
  }

  // ── Incidents ──
  async incidents(filter: { channel?: string; open?: boolean } = {}): Promise<{ channel: string; incident: IncidentData }[]> {
    return this.port.read(async (db) => {
      const { rows } = await this.q<{ channel_id: string; data: IncidentData }>(db, `
        SELECT channel_id, data FROM incidents WHERE workspace_id = $1 AND ($2::text IS NULL OR channel_id = $2) AND (NOT $3 OR open) ORDER BY incident_id`,
        [this.workspace, filter.channel ?? null, Boolean(filter.open)]);
      return rows.map((r) => ({ channel: r.channel_id, incident: r.data }));
    });
  }

  async incident(id: string): Promise<{ channel: string; incident: IncidentData } | null> {
    const n = incidentNumber(id);
    if (n === null) return null;
    return this.port.read(async (db) => {
      const r = (await this.q<{ channel_id: string; data: IncidentData }>(db, 'SELECT channel_id, data FROM incidents WHERE workspace_id = $1 AND incident_id = $2', [this.workspace, n])).rows[0];
      return r ? { channel: r.channel_id, incident: r.data } : null;
    });
  }

  async createIncident<R>(channel: string, build: (id: string, existing: readonly IncidentData[], step: IncidentStep) => { incident: IncidentData } | { refused: R }): Promise<{ incident: IncidentData } | { refused: R }> {
    checkId('channel', channel);
    return this.port.tx(async (c) => {
      // Ids are given in order within the workspace: one opening at a time per workspace, across replicas.
      await this.q(c, `SELECT pg_advisory_xact_lock(hashtextextended('incident:' || $1, 0))`, [this.workspace]);
      const next = (await this.q<{ n: number }>(c, 'SELECT coalesce(max(incident_id), 0) + 1 AS n FROM incidents WHERE workspace_id = $1', [this.workspace])).rows[0]!.n;
      const id = String(next);
      const existing = (await this.q<{ data: IncidentData }>(c, 'SELECT data FROM incidents WHERE workspace_id = $1 AND channel_id = $2 ORDER BY incident_id', [this.workspace, channel])).rows.map((r) => r.data);
      const scores: ScoreInput[] = [];
      const built = build(id, existing, { addScore: (s) => void scores.push(s) });
      if ('refused' in built) return built;
      if (built.incident.id !== id) throw new Error(`createIncident: the incident's id must be ${id}, not ${built.incident.id}`);
      await this.ensureChannel(c, channel);
      await this.q(c, 'INSERT INTO incidents (workspace_id, incident_id, channel_id, data) VALUES ($1, $2, $3, $4)', [this.workspace, next, channel, built.incident]);
      for (const s of scores) await this.applyScore(c, channel, s);
      return { incident: structuredClone(built.incident) };
    });
  }

  async updateIncident<T>(id: string, fn: (incident: IncidentData, step: IncidentStep) => T): Promise<{ result: T; incident: IncidentData; channel: string } | null> {
    const n = incidentNumber(id);
    if (n === null) return null;
    return this.port.tx(async (c) => {
      const r = (await this.q<{ channel_id: string; data: IncidentData }>(c, 'SELECT channel_id, data FROM incidents WHERE workspace_id = $1 AND incident_id = $2 FOR UPDATE', [this.workspace, n])).rows[0];
      if (!r) return null;
      const scores: ScoreInput[] = [];
      const result = fn(r.data, { addScore: (s) => void scores.push(s) });
      if (isThenable(result)) throw new TypeError('updateIncident(fn): fn must be synchronous');
      await this.q(c, 'UPDATE incidents SET data = $3 WHERE workspace_id = $1 AND incident_id = $2', [this.workspace, n, r.data]);
      for (const s of scores) await this.applyScore(c, r.channel_id, s);
      return { result, incident: structuredClone(r.data), channel: r.channel_id };
    });
  }

  // ── Walls ──
  async wall(channel: string): Promise<WallData | null> {
    checkId('channel', channel);
    return this.port.read(async (db) => {
      const r = (await this.q<WallRow>(db, 'SELECT wall_token_hash, wall_created_at, wall_created_by FROM channels WHERE workspace_id = $1 AND channel_id = $2', [this.workspace, channel])).rows[0];
      return r ? wallOf(r) : null;
    });
  }

  async setWall(channel: string, wall: WallData | null): Promise<boolean> {
    checkId('channel', channel);
    return this.port.tx(async (c) => {
      if (wall) await this.ensureChannel(c, channel);
      const r = (await this.q<WallRow>(c, 'SELECT wall_token_hash, wall_created_at, wall_created_by FROM channels WHERE workspace_id = $1 AND channel_id = $2 FOR UPDATE', [this.workspace, channel])).rows[0];
      if (!r) return false;
      await this.q(c, 'UPDATE channels SET wall_token_hash = $3, wall_created_at = $4, wall_created_by = $5 WHERE workspace_id = $1 AND channel_id = $2',
        [this.workspace, channel, wall?.tokenHash ?? null, wall?.createdAt ?? null, wall?.createdBy ?? null]);
      return r.wall_token_hash !== null;
    });
  }
  // Issue 13: edges (installations, purge, wall page) — helper i13-edges
  async listMembers(limit: number): Promise<Record<string, MemberView>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError(`listMembers: limit must be a whole number from 1 to 10,000 (got ${limit})`);
    return this.port.read(async (db) => {
      const { rows } = await this.q<MemberRow>(db, 'SELECT member_id, name, lang, opt_out, extra FROM members WHERE workspace_id = $1 ORDER BY member_id LIMIT $2', [this.workspace, limit]);
      return Object.fromEntries(rows.map((r) => [r.member_id, memberOf(r)]));
    });
  }


  // ── Privacy ──
  async footprint(user: string): Promise<MemberFootprint> {
    checkId('member', user);
    return this.port.read(async (db) => {
      const r = (await this.q<MemberRow>(db, 'SELECT member_id, name, lang, opt_out, extra FROM members WHERE workspace_id = $1 AND member_id = $2', [this.workspace, user])).rows[0];
      const counts = (await this.q<{ answers: number; channels: number; points: number; log: number; mentions: number; walls: number; incidents: number }>(db, `
        SELECT (SELECT count(*)::int FROM answers WHERE workspace_id = $1 AND member_id = $2) AS answers,
          (SELECT count(*)::int FROM totals WHERE workspace_id = $1 AND member_id = $2) AS channels,
          (SELECT coalesce(sum(points), 0)::int FROM totals WHERE workspace_id = $1 AND member_id = $2) AS points,
          (SELECT count(*)::int FROM score_log WHERE workspace_id = $1 AND member_id = $2) AS log,
          (SELECT count(*)::int FROM score_log WHERE workspace_id = $1 AND (member_id = $2 OR by_id = $2)) AS mentions,
          (SELECT count(*)::int FROM channels WHERE workspace_id = $1 AND wall_created_by = $2) AS walls,
          (SELECT count(*)::int FROM incidents WHERE workspace_id = $1 AND (data ->> 'openedBy' = $2 OR data ->> 'owner' = $2 OR data -> 'names' ? $2
            OR data -> 'drill' ->> 'trainee' = $2 OR data -> 'timeline' @> jsonb_build_array(jsonb_build_object('by', $2::text)))) AS incidents`, [this.workspace, user])).rows[0]!;
      return {
        member: r ? memberOf(r) : null, answers: counts.answers, channels: counts.channels, points: counts.points, logEntries: counts.log, mentions: counts.mentions,
        known: Boolean(r) || counts.answers + counts.channels + counts.mentions + counts.walls + counts.incidents > 0,
      };
    });
  }

  forgetPreview(user: string): Promise<ForgetReport> {
    checkId('member', user);
    // The real thing, rolled back: the preview counts exactly what forgetting would change.
    return this.port.tx((c) => this.forget(c, user), { rollback: true });
  }

  forgetMember(user: string): Promise<ForgetReport> {
    checkId('member', user);
    return this.port.tx((c) => this.forget(c, user));
  }

  // ── Issue 14's data (the team lead's week; helper i13-week) ──
  async reviewItems(filter: { user?: string; waiting?: boolean } = {}): Promise<ReviewItem[]> {
    return this.port.read(async (db) => (await this.q<ReviewRow>(db, `SELECT ${REVIEW_COLUMNS} FROM review_items WHERE workspace_id = $1
      AND ($2::text IS NULL OR member_id = $2) AND (NOT $3 OR reviewed IS NULL) ORDER BY item_id`, [this.workspace, filter.user ?? null, Boolean(filter.waiting)])).rows.map(reviewItemOf));
  }

  async reviewItem(id: string): Promise<ReviewItem | null> {
    const n = incidentNumber(id);
    if (n === null) return null;
    return this.port.read(async (db) => {
      const r = (await this.q<ReviewRow>(db, `SELECT ${REVIEW_COLUMNS} FROM review_items WHERE workspace_id = $1 AND item_id = $2`, [this.workspace, n])).rows[0];
      return r ? reviewItemOf(r) : null;
    });
  }

  async enqueueReview(channel: string, input: { challengeId: string | null; user: string; source: ReviewSource; at: string }): Promise<EnqueueResult> {
    checkId('channel', channel);
    checkId('member', input.user);
    const ws = this.workspace;
    return this.port.tx(async (c): Promise<EnqueueResult> => {
      // The workspace's counter, locked: enqueues of a workspace go one at a time, so "one item per answer"
      // is decided on what is committed (the unique key backs it up).
      await this.q(c, 'INSERT INTO review_counters (workspace_id, next) VALUES ($1, 1) ON CONFLICT DO NOTHING', [ws]);
      const next = (await this.q<{ next: number }>(c, 'SELECT next FROM review_counters WHERE workspace_id = $1 FOR UPDATE', [ws])).rows[0]!.next;
      const found = (await this.q<AnswerRow & { channel_id: string; challenge_id: string; scenario_id: string }>(c, `
        SELECT a.channel_id, a.challenge_id, ch.scenario_id, ${ANSWER_COLUMNS.split(', ').map((col) => `a.${col}`).join(', ')}
        FROM answers a JOIN challenges ch USING (workspace_id, channel_id, challenge_id)
        WHERE a.workspace_id = $1 AND a.member_id = $2 AND ($3::text IS NULL AND a.channel_id = $4 OR a.challenge_id = $3)
        ORDER BY (a.channel_id = $4) DESC, CASE WHEN $3::text IS NULL THEN -ch.seq ELSE 0 END, a.channel_id LIMIT 1`, [ws, input.user, input.challengeId, channel])).rows[0];
      if (!found) return { kind: 'no-answer' };
      const key = [ws, found.channel_id, found.challenge_id, input.user];
      const existing = (await this.q<ReviewRow>(c, `SELECT ${REVIEW_COLUMNS} FROM review_items WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND member_id = $4 FOR UPDATE`, key)).rows[0];
      if (existing?.reviewed) return { kind: 'reviewed', item: reviewItemOf(existing) };
      if (existing) {
        if (input.source.kind === 'unsure' || existing.source === 'contested') return { kind: 'already', item: reviewItemOf(existing) };
        const r = (await this.q<ReviewRow>(c, `UPDATE review_items SET source = 'contested', reason = $3 WHERE workspace_id = $1 AND item_id = $2 RETURNING ${REVIEW_COLUMNS}`,
          [ws, existing.item_id, input.source.reason.slice(0, MAX_REASON_CHARS)])).rows[0]!;
        return { kind: 'queued', item: reviewItemOf(r) };
      }
      const held = (await this.q<{ words: string }>(c, 'DELETE FROM held_words WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND member_id = $4 RETURNING words', key)).rows[0];
      const answer = answerOf(found);
      const words = input.source.kind === 'unsure' ? input.source.words : held?.words;
      const r = (await this.q<ReviewRow>(c, `
        INSERT INTO review_items (workspace_id, item_id, channel_id, challenge_id, member_id, scenario_id, source, doubts, reason, words, choice, score, covered, missed, flags, lang, at)
        VALUES ($1, $5, $2, $3, $4, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING ${REVIEW_COLUMNS}`,
        [...key, next, found.scenario_id, input.source.kind,
          input.source.kind === 'unsure' ? input.source.doubts : null, input.source.kind === 'contested' ? input.source.reason.slice(0, MAX_REASON_CHARS) : null,
          words && answer.choice === null ? words : null, answer.choice, answer.score, answer.covered, answer.missed, answer.flags, answer.lang ?? null, input.at])).rows[0]!;
      await this.q(c, 'UPDATE review_counters SET next = $2 WHERE workspace_id = $1', [ws, next + 1]);
      return { kind: 'queued', item: reviewItemOf(r) };
    });
  }

  async settleReview(id: string, decision: ReviewDecision & { at: string }): Promise<SettleResult> {
    const n = incidentNumber(id);
    if (n === null) return { kind: 'unknown' };
    const ws = this.workspace;
    return this.port.tx(async (c): Promise<SettleResult> => {
      // The item's row, locked: of concurrent settles one finds it waiting, the others see it reviewed.
      const item = (await this.q<ReviewRow>(c, `SELECT ${REVIEW_COLUMNS} FROM review_items WHERE workspace_id = $1 AND item_id = $2 FOR UPDATE`, [ws, n])).rows[0];
      if (!item) return { kind: 'unknown' };
      if (item.reviewed) return { kind: 'already', item: reviewItemOf(item) };
      const score = decision.action === 'adjust' && decision.score !== undefined ? decision.score : item.score;
      const delta = score - item.score;
      const note = decision.note ? decision.note.slice(0, MAX_REASON_CHARS) : undefined;
      if (delta !== 0) {
        const week = decision.weekOf(item.challenge_id.slice(0, 10));
        // The totals move by the delta (this week's column only when the challenge is of the member's current week).
        await this.q(c, `
          INSERT INTO totals AS t (workspace_id, channel_id, member_id, points, week, week_points, opt_out)
          VALUES ($1, $2, $3, $4, $5, $4, coalesce((SELECT opt_out FROM members m WHERE m.workspace_id = $1 AND m.member_id = $3), false))
          ON CONFLICT (workspace_id, channel_id, member_id) DO UPDATE SET
            points = t.points + $4, week_points = CASE WHEN t.week = $5 THEN t.week_points + $4 ELSE t.week_points END`,
        [ws, item.channel_id, item.member_id, delta, week]);
        await this.q(c, 'UPDATE answers SET score = $5 WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND member_id = $4', [ws, item.channel_id, item.challenge_id, item.member_id, score]);
        await this.logEvent(c, item.channel_id, { at: decision.at, user: item.member_id, delta, kind: 'adjust', reason: note ?? '', by: decision.by, challengeId: item.challenge_id, reviewId: String(item.item_id) });
      }
      const reviewed = { by: decision.by, at: decision.at, action: delta !== 0 ? 'adjust' : 'confirm', score, ...(note ? { note } : {}) };
      const r = (await this.q<ReviewRow>(c, `UPDATE review_items SET words = NULL, reviewed = $3, reviewed_at = $4 WHERE workspace_id = $1 AND item_id = $2 RETURNING ${REVIEW_COLUMNS}`, [ws, n, reviewed, decision.at])).rows[0]!;
      await this.q(c, 'DELETE FROM review_items WHERE workspace_id = $1 AND reviewed_at < $2', [ws, new Date(Date.parse(decision.at) - REVIEWED_KEPT_MS)]);
      return { kind: 'settled', item: reviewItemOf(r), delta };
    });
  }

  async holdWords(channel: string, challengeId: string, user: string, words: string): Promise<boolean> {
    checkId('channel', channel);
    checkId('member', user);
    return this.port.read(async (db) => (await this.q(db, `
      INSERT INTO held_words (workspace_id, channel_id, challenge_id, member_id, words)
      SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM challenges WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3)
      ON CONFLICT DO NOTHING`, [this.workspace, channel, challengeId, user, words])).rowCount === 1);
  }

  async dropRevealedWords(): Promise<number> {
    // Words of a challenge gone went with it (the foreign key cascades).
    return this.port.read(async (db) => (await this.q(db, `
      DELETE FROM held_words h USING challenges ch
      WHERE h.workspace_id = $1 AND ch.workspace_id = h.workspace_id AND ch.channel_id = h.channel_id AND ch.challenge_id = h.challenge_id AND ch.revealed_at IS NOT NULL`,
    [this.workspace])).rowCount ?? 0);
  }

  async markReminded(channel: string, challengeId: string, at: string): Promise<boolean> {
    checkId('channel', channel);
    // The WHERE is checked again on the locked row: of concurrent calls exactly one updates it.
    return this.port.read(async (db) => (await this.q(db, `
      UPDATE challenges SET extra = extra || jsonb_build_object('remindedAt', $4::text)
      WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = $3 AND NOT extra ? 'remindedAt'`, [this.workspace, channel, challengeId, at])).rowCount === 1);
  }

  async reminderCandidates(channel: string, query: { challengeId: string; sinceDay: string }): Promise<ReminderCandidate[]> {
    checkId('channel', channel);
    const { rows } = await this.port.read((db) => this.q<{ member_id: string; last_day: string; answered: boolean; reminders_off: boolean; lang: Lang | null; last_lang: Lang | null }>(db, `
      SELECT t.member_id, t.last_day,
        EXISTS (SELECT 1 FROM answers a WHERE a.workspace_id = t.workspace_id AND a.channel_id = t.channel_id AND a.challenge_id = $3 AND a.member_id = t.member_id) AS answered,
        coalesce(m.extra -> 'reminders' = 'false'::jsonb, false) AS reminders_off, m.lang,
        (SELECT a.lang FROM answers a JOIN challenges ch USING (workspace_id, channel_id, challenge_id)
          WHERE a.workspace_id = t.workspace_id AND a.channel_id = t.channel_id AND a.member_id = t.member_id AND a.lang IS NOT NULL ORDER BY ch.seq DESC LIMIT 1) AS last_lang
      FROM totals t LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.member_id = t.member_id
      WHERE t.workspace_id = $1 AND t.channel_id = $2 AND t.last_day >= $4
      ORDER BY t.member_id COLLATE "C"`, [this.workspace, channel, query.challengeId, query.sinceDay]));
    return rows.map((r) => ({
      user: r.member_id, lastDay: r.last_day, answered: r.answered, reminders: !r.reminders_off,
      ...(r.lang ? { lang: r.lang } : {}), ...(r.last_lang ? { lastLang: r.last_lang } : {}),
    }));
  }

  async channelTotals(channel: string): Promise<Record<string, MemberTotals>> {
    checkId('channel', channel);
    const { rows } = await this.port.read((db) => this.q<TotalsRow>(db, `SELECT ${TOTALS_COLUMNS} FROM totals WHERE workspace_id = $1 AND channel_id = $2 ORDER BY seq`, [this.workspace, channel]));
    return Object.fromEntries(rows.map((r) => [r.member_id, totalsOf(r)]));
  }

  async challengesSince(channel: string, sinceDay: string): Promise<ChallengeData[]> {
    checkId('channel', channel);
    return this.port.read(async (db) => {
      const heads = (await this.q<ChallengeRow>(db, `SELECT ${CHALLENGE_COLUMNS} FROM challenges WHERE workspace_id = $1 AND channel_id = $2 AND day >= $3 ORDER BY seq`, [this.workspace, channel, sinceDay])).rows;
      if (!heads.length) return [];
      const answers = (await this.q<AnswerRow & { challenge_id: string }>(db, `SELECT challenge_id, ${ANSWER_COLUMNS} FROM answers WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id = ANY($3::text[]) ORDER BY at, member_id`,
        [this.workspace, channel, heads.map((h) => h.challenge_id)])).rows;
      return heads.map((h) => challengeOf(h, answers.filter((a) => a.challenge_id === h.challenge_id)));
    });
  }

  async channelEvents(channel: string, query: { sinceDay: string; kinds: readonly ScoreEvent['kind'][] }): Promise<ScoreEvent[]> {
    checkId('channel', channel);
    // Challenge ids start with their day: a range on challenge_id is a range of days (an index range).
    const { rows } = await this.port.read((db) => this.q<LogRow>(db, `${LOG_SQL} WHERE workspace_id = $1 AND channel_id = $2 AND challenge_id >= $3 AND kind = ANY($4::text[]) ORDER BY id`,
      [this.workspace, channel, query.sinceDay, [...query.kinds]]));
    return rows.map(eventOf);
  }

  /** A forgotten member's review items and held words go; as a reviewer they become the pseudonym (in the caller's transaction). */
  private async scrubReviewQueue(c: Q, user: string, pseudonym: string): Promise<void> {
    await this.q(c, 'DELETE FROM review_items WHERE workspace_id = $1 AND member_id = $2', [this.workspace, user]);
    await this.q(c, 'DELETE FROM held_words WHERE workspace_id = $1 AND member_id = $2', [this.workspace, user]);
    await this.q(c, `UPDATE review_items SET reviewed = jsonb_set(reviewed, '{by}', to_jsonb($3::text)) WHERE workspace_id = $1 AND reviewed ->> 'by' = $2`, [this.workspace, user, pseudonym]);
  }

  /** forget-member.ts's rules, in the caller's transaction. */
  private async forget(c: pg.PoolClient, user: string): Promise<ForgetReport> {
    const ws = this.workspace;
    await this.q(c, `SELECT pg_advisory_xact_lock(hashtextextended('forget:' || $1, 0))`, [ws]);
    const pseudonym = newPseudonym();
    const entry = (await this.q<MemberRow>(c, 'DELETE FROM members WHERE workspace_id = $1 AND member_id = $2 RETURNING member_id, name, lang, opt_out, extra', [ws, user])).rows[0];
    const member = entry ? memberOf(entry) : undefined;
    // Incidents (and the name and report counts) by the same function as the JSON store, on a slice
    // holding only this member's entry and the workspace's incidents.
    const incidentRows = (await this.q<{ incident_id: number; channel_id: string; data: IncidentData }>(c, 'SELECT incident_id, channel_id, data FROM incidents WHERE workspace_id = $1 ORDER BY incident_id FOR UPDATE', [ws])).rows;
    const slice: WorkspaceData = { members: member ? { [user]: member } : {}, channels: {}, scoreLog: [] };
    for (const r of incidentRows) ((slice.channels[r.channel_id] ??= { ...emptyChannel(), incidents: [] }).incidents!).push(r.data);
    const before = incidentRows.map((r) => JSON.stringify(r.data));
    const report = scrubMember(slice, ws, user, pseudonym);
    for (const [i, r] of incidentRows.entries()) {
      if (JSON.stringify(r.data) !== before[i]) await this.q(c, 'UPDATE incidents SET data = $3 WHERE workspace_id = $1 AND incident_id = $2', [ws, r.incident_id, r.data]);
    }
    report.answers = (await this.q(c, 'DELETE FROM answers WHERE workspace_id = $1 AND member_id = $2', [ws, user])).rowCount ?? 0;
    await this.scrubReviewQueue(c, user, pseudonym); // issue 14's review queue (i13-week)
    // Their points stay with the team under the pseudonym; what described the person (streak, last day) goes.
    const moved = (await this.q<{ points: number }>(c, `
      WITH gone AS (DELETE FROM totals WHERE workspace_id = $1 AND member_id = $2 RETURNING *)
      INSERT INTO totals (workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out)
      SELECT workspace_id, channel_id, $3, points, week, week_points, 0, 0, NULL, answers, true FROM gone RETURNING points`, [ws, user, pseudonym])).rows;
    report.totals = moved.length;
    report.points = moved.reduce((sum, r) => sum + r.points, 0);
    if (report.totals > 0) await this.q(c, 'INSERT INTO members (workspace_id, member_id, opt_out) VALUES ($1, $2, true) ON CONFLICT DO NOTHING', [ws, pseudonym]);
    report.walls = (await this.q(c, 'UPDATE channels SET wall_created_by = $3 WHERE workspace_id = $1 AND wall_created_by = $2', [ws, user, pseudonym])).rowCount ?? 0;
    // The score log's one exception to append-only (migrations: coach.pseudonymise), for this transaction only.
    await this.q(c, `SET LOCAL coach.pseudonymise = 'on'`);
    const name = report.name;
    const candidates = (await this.q<LogRow & { id: string }>(c, `SELECT id, ${LOG_SQL.slice('SELECT '.length)} WHERE workspace_id = $1 AND (member_id = $2 OR by_id = $2 OR strpos(lower(reason), lower($2)) > 0 OR ($3::text IS NOT NULL AND strpos(lower(reason), lower($3)) > 0))`,
      [ws, user, name && name.length >= 3 ? name : null])).rows;
    let logEntries = 0;
    for (const r of candidates) {
      const changed = pseudonymiseEntry({ workspace: ws, ...eventOf(r) }, user, name, pseudonym);
      if (!changed) continue;
      await this.q(c, 'UPDATE score_log SET member_id = $2, by_id = $3, reason = $4 WHERE id = $1', [r.id, changed.user, changed.by, changed.reason]);
      logEntries += 1;
    }
    report.logEntries = logEntries;
    return report;
  }
}

function answerValues(ws: string, channel: string, challengeId: string, input: AnswerInputRecord): unknown[] {
  const { at, choice, covered, missed, flags, score, lang, ...extra } = input.answer as AnswerData;
  delete (extra as Record<string, unknown>).streakBonus;
  return [ws, channel, challengeId, input.user, at, choice, covered ?? [], missed ?? [], flags ?? [], score, lang ?? null, extra];
}

/**
 * The advisory lock key of a challenge (a signed 64-bit number, as SQL text): answers take it shared,
 * reveals exclusively. Two challenges sharing a key (one chance in 2^64) would only wait for each other.
 */
function challengeLock(workspace: string, channel: string, challenge: string): string {
  return createHash('sha256').update(`challenge\u0000${workspace}\u0000${channel}\u0000${challenge}`).digest().readBigInt64BE(0).toString();
}

/** An incident id as its number, or null when it is not one (then no incident has it). */
function incidentNumber(id: string): number | null {
  return /^[1-9]\d{0,8}$/.test(id) ? Number(id) : null;
}

// ── Issue 14's rows (helper i13-week) ──

interface ReviewRow {
  item_id: number; channel_id: string; challenge_id: string; member_id: string; scenario_id: string; source: ReviewItem['source']; doubts: string[] | null; reason: string | null;
  words: string | null; choice: number | null; score: number; covered: string[]; missed: string[]; flags: string[]; lang: Lang | null; at: Date; reviewed: ReviewItem['reviewed'] | null;
}
const REVIEW_COLUMNS = 'item_id, channel_id, challenge_id, member_id, scenario_id, source, doubts, reason, words, choice, score, covered, missed, flags, lang, at, reviewed';

function reviewItemOf(r: ReviewRow): ReviewItem {
  return {
    id: String(r.item_id), channel: r.channel_id, challengeId: r.challenge_id, scenarioId: r.scenario_id, user: r.member_id, source: r.source,
    ...(r.doubts !== null ? { doubts: r.doubts } : {}), ...(r.reason !== null ? { reason: r.reason } : {}), ...(r.words !== null ? { words: r.words } : {}),
    choice: r.choice, score: r.score, covered: r.covered, missed: r.missed, flags: r.flags, ...(r.lang ? { lang: r.lang } : {}), at: iso(r.at)!,
    ...(r.reviewed ? { reviewed: r.reviewed } : {}),
  };
}

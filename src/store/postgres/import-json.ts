// `coach migrate --from FILE`: a JSON data file and its score log copied into PostgreSQL, in one
// transaction (all or nothing), idempotently: every row goes in with ON CONFLICT DO NOTHING on its key, and
// each score log line carries an import key (a digest of the line and of how many identical lines came
// before it), so importing the same file again adds nothing, and importing it after the JSON coach ran on
// adds only the new lines. What is already in the database is never overwritten: a member, channel,
// challenge, answer or running total present there keeps its values (the report counts them as skipped).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { logLine } from '../score-log.js';
import type { AnswerData, CoachData, LogEntry, MemberData, ScoreEvent } from '../schema.js';
import { importInstallations } from './pg-installations.js';
import { deleteWorkspaceRows } from './workspace-rows.js';

/** What an import added, by kind, and what it found already there (kept as it was). */
export interface ImportReport {
  workspaces: string[];
  added: ImportCounts;
  skipped: ImportCounts;
  /** The Slack installations (CoachData.slackOAuth) added, and those already there or unusable. */
  installations: { added: number; skipped: number };
  /** Members of the file erased from the database since an earlier import (`coach forget`): left out. */
  forgotten?: number;
}

export interface ImportCounts {
  members: number;
  channels: number;
  challenges: number;
  answers: number;
  totals: number;
  incidents: number;
  walls: number;
  scoreEvents: number;
  /** Issue 14's review queue: its items, and the words held for a contest (named in the report only when there are some). */
  reviewItems: number;
  heldWords: number;
}

const KINDS: (keyof ImportCounts)[] = ['members', 'channels', 'challenges', 'answers', 'totals', 'incidents', 'walls', 'scoreEvents', 'reviewItems', 'heldWords'];
/** Kinds the report names only when the file has some (older files never do). */
const OPTIONAL_KINDS = new Set<keyof ImportCounts>(['reviewItems', 'heldWords']);
/** Rows sent per statement. */
const BATCH = 2000;

const zero = (): ImportCounts => ({ members: 0, channels: 0, challenges: 0, answers: 0, totals: 0, incidents: 0, walls: 0, scoreEvents: 0, reviewItems: 0, heldWords: 0 });

/**
 * Copies `data` (a checked data file, see checkDataFile) and `log` (its confirmed score log lines, oldest
 * first, then the document's own scoreLog events of a file from before the log) into the migrated database
 * at `url`, in one transaction. Rejects (nothing imported) on any database error.
 */
export async function importJson(url: string, data: CoachData, log: readonly LogEntry[], options: { replace?: boolean } = {}): Promise<ImportReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const added = zero();
  const skipped = zero();
  let installations = { added: 0, skipped: 0 };
  let forgotten = 0;
  const rows: Record<keyof ImportCounts, Record<string, unknown>[]> = { members: [], channels: [], challenges: [], answers: [], totals: [], incidents: [], walls: [], scoreEvents: [], reviewItems: [], heldWords: [] };
  for (const [workspace, ws] of Object.entries(data.workspaces)) {
    for (const [member, m] of Object.entries(ws.members)) rows.members.push({ workspace_id: workspace, member_id: member, ...memberRow(m) });
    for (const [channel, ch] of Object.entries(ws.channels)) {
      const { challenges, totals, incidents, wall, ...settings } = ch;
      rows.channels.push({ workspace_id: workspace, channel_id: channel, settings });
      if (wall) rows.walls.push({ workspace_id: workspace, channel_id: channel, wall_token_hash: wall.tokenHash, wall_created_at: wall.createdAt, wall_created_by: wall.createdBy });
      for (const c of challenges) {
        const { id, scenarioId, day, postedAt, revealAt, revealedAt, answers, summary, postRef, ...extra } = c;
        rows.challenges.push({ workspace_id: workspace, channel_id: channel, challenge_id: id, scenario_id: scenarioId, day, posted_at: postedAt, reveal_at: revealAt, revealed_at: revealedAt, summary: summary ?? null, post_ref: postRef ?? null, extra });
        for (const [member, a] of Object.entries(answers)) rows.answers.push({ workspace_id: workspace, channel_id: channel, challenge_id: id, member_id: member, ...answerRow(a) });
      }
      const optedOut = (member: string) => Boolean(Object.hasOwn(ws.members, member) && ws.members[member]!.optOut);
      for (const [member, t] of Object.entries(totals)) {
        rows.totals.push({ workspace_id: workspace, channel_id: channel, member_id: member, points: t.points, week: t.week, week_points: t.weekPoints, streak: t.streak, best_streak: t.bestStreak, last_day: t.lastDay, answers: t.answers, opt_out: optedOut(member) });
      }
      for (const incident of incidents ?? []) rows.incidents.push({ workspace_id: workspace, incident_id: Number(incident.id), channel_id: channel, data: incident });
    }
    queueRows(workspace, ws, rows);
  }
  // Identical lines (two equal awards in the same second) stay distinct by their occurrence number.
  const seen = new Map<string, number>();
  for (const entry of log) {
    const { workspace, ...event } = entry;
    const digest = createHash('sha256').update(logLine(workspace, event as ScoreEvent)).digest('base64url');
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    rows.scoreEvents.push({ ...logRow(workspace, event as ScoreEvent), import_key: `json:${digest}:${n}` });
  }
  try {
    await client.query('BEGIN');
    if (options.replace) for (const workspace of Object.keys(data.workspaces)) await deleteWorkspaceRows(client, workspace);
    else forgotten = await leaveOutForgotten(client, rows);
    for (const kind of KINDS) {
      for (let i = 0; i < rows[kind].length; i += BATCH) {
        // `n` keeps the file's order (challenges, totals and the log are inserted in it).
        const batch = rows[kind].slice(i, i + BATCH).map((row, j) => ({ ...row, n: i + j }));
        const result = await client.query(STATEMENTS[kind], [JSON.stringify(batch)]);
        added[kind] += result.rowCount ?? 0;
        skipped[kind] += batch.length - (result.rowCount ?? 0);
      }
    }
    installations = await importInstallations(client, (data as { slackOAuth?: unknown }).slackOAuth, new Date());
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return { workspaces: Object.keys(data.workspaces), added, skipped, installations, forgotten };
}

/**
 * A file imported again after `coach forget` erased someone from the database must not bring them back:
 * their score events, imported the first time, are still there (same import_key) but under a pseudonym.
 * Every row of such a member (by workspace and id) is dropped from `rows`; returns how many members.
 * Only members with score events can be recognised; no trace of the erased id is kept to do it.
 */
async function leaveOutForgotten(client: pg.Client, rows: Record<keyof ImportCounts, Record<string, unknown>[]>): Promise<number> {
  const keys = rows.scoreEvents.map((r) => r.import_key as string);
  if (keys.length === 0) return 0;
  const found = await client.query<{ import_key: string; member_id: string }>('SELECT import_key, member_id FROM score_log WHERE import_key = ANY($1::text[])', [keys]);
  const now = new Map(found.rows.map((r) => [r.import_key, r.member_id]));
  const gone = new Set<string>();
  for (const r of rows.scoreEvents) {
    const there = now.get(r.import_key as string);
    if (there !== undefined && there !== r.member_id) gone.add(`${r.workspace_id as string}\u0000${r.member_id as string}`);
  }
  if (gone.size === 0) return 0;
  for (const kind of KINDS) rows[kind] = rows[kind].filter((r) => !gone.has(`${r.workspace_id as string}\u0000${r.member_id as string}`));
  return gone.size;
}

/** The workspaces among `ids` that the database holds any data for. */
export async function workspacesPresent(url: string, ids: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'SELECT DISTINCT workspace_id AS id FROM (SELECT workspace_id FROM members UNION ALL SELECT workspace_id FROM channels UNION ALL SELECT workspace_id FROM score_log) x WHERE workspace_id = ANY($1::text[])', [[...ids]]);
    return rows.map((r) => r.id).sort();
  } finally {
    await client.end();
  }
}

function memberRow(m: MemberData): Record<string, unknown> {
  const { name, lang, optOut, ...extra } = m;
  return { name: typeof name === 'string' ? name : null, lang: lang === 'fr' || lang === 'en' ? lang : null, opt_out: typeof optOut === 'boolean' ? optOut : null, extra };
}

function answerRow(a: AnswerData): Record<string, unknown> {
  const { at, choice, covered, missed, flags, score, streakBonus, lang, ...extra } = a;
  return { at, choice, covered: covered ?? [], missed: missed ?? [], flags: flags ?? [], score, streak_bonus: streakBonus ?? 0, lang: lang === 'fr' || lang === 'en' ? lang : null, extra };
}

function logRow(workspace: string, e: ScoreEvent): Record<string, unknown> {
  const { at, channel, user, delta, kind, reason, by, challengeId, incidentId, ...extra } = e;
  return { workspace_id: workspace, channel_id: channel, member_id: user, at, delta, kind, reason, by_id: by, challenge_id: challengeId ?? null, incident_id: incidentId ?? null, extra };
}

/** One INSERT … SELECT FROM jsonb_to_recordset per kind: $1 is a JSON array of rows. */
const STATEMENTS: Record<keyof ImportCounts, string> = {
  members: `INSERT INTO members (workspace_id, member_id, name, lang, opt_out, extra)
    SELECT workspace_id, member_id, name, lang, opt_out, extra FROM jsonb_to_recordset($1::jsonb)
      AS x(workspace_id text, member_id text, name text, lang text, opt_out boolean, extra jsonb)
    ON CONFLICT DO NOTHING`,
  channels: `INSERT INTO channels (workspace_id, channel_id, settings)
    SELECT workspace_id, channel_id, settings FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id text, channel_id text, settings jsonb)
    ON CONFLICT DO NOTHING`,
  challenges: `INSERT INTO challenges (workspace_id, channel_id, challenge_id, scenario_id, day, posted_at, reveal_at, revealed_at, summary, post_ref, extra)
    SELECT workspace_id, channel_id, challenge_id, scenario_id, day, posted_at, reveal_at, revealed_at, summary, post_ref, extra
    FROM jsonb_to_recordset($1::jsonb)
      AS x(workspace_id text, channel_id text, challenge_id text, scenario_id text, day text, posted_at timestamptz, reveal_at timestamptz, revealed_at timestamptz, summary jsonb, post_ref jsonb, extra jsonb, n bigint)
    ORDER BY n ON CONFLICT DO NOTHING`,
  answers: `INSERT INTO answers (workspace_id, channel_id, challenge_id, member_id, at, choice, covered, missed, flags, score, streak_bonus, lang, extra)
    SELECT workspace_id, channel_id, challenge_id, member_id, at, choice,
      ARRAY(SELECT jsonb_array_elements_text(covered)), ARRAY(SELECT jsonb_array_elements_text(missed)), ARRAY(SELECT jsonb_array_elements_text(flags)),
      score, streak_bonus, lang, extra
    FROM jsonb_to_recordset($1::jsonb)
      AS x(workspace_id text, channel_id text, challenge_id text, member_id text, at timestamptz, choice integer, covered jsonb, missed jsonb, flags jsonb, score integer, streak_bonus integer, lang text, extra jsonb)
    ON CONFLICT DO NOTHING`,
  totals: `INSERT INTO totals (workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out)
    SELECT workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out
    FROM jsonb_to_recordset($1::jsonb)
      AS x(workspace_id text, channel_id text, member_id text, points integer, week text, week_points integer, streak integer, best_streak integer, last_day text, answers integer, opt_out boolean, n bigint)
    ORDER BY n ON CONFLICT DO NOTHING`,
  incidents: `INSERT INTO incidents (workspace_id, incident_id, channel_id, data)
    SELECT workspace_id, incident_id, channel_id, data FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id text, incident_id integer, channel_id text, data jsonb)
    ON CONFLICT DO NOTHING`,
  // A wall is set only where the channel has none yet.
  walls: `UPDATE channels c SET wall_token_hash = x.wall_token_hash, wall_created_at = x.wall_created_at, wall_created_by = x.wall_created_by
    FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id text, channel_id text, wall_token_hash text, wall_created_at timestamptz, wall_created_by text)
    WHERE c.workspace_id = x.workspace_id AND c.channel_id = x.channel_id AND c.wall_token_hash IS NULL
      AND NOT EXISTS (SELECT 1 FROM channels o WHERE o.wall_token_hash = x.wall_token_hash)`,
  // Issue 14's review queue (migration 1764600000000): items keep their numbers; the workspace's counter
  // moves past the highest imported (and past the file's own counter).
  reviewItems: `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS x(workspace_id text, item_id integer, channel_id text, challenge_id text, member_id text, scenario_id text, source text, doubts jsonb, reason text, words text,
        choice integer, score integer, covered jsonb, missed jsonb, flags jsonb, lang text, at timestamptz, reviewed jsonb, reviewed_at timestamptz, next integer, n bigint)),
    counters AS (
      INSERT INTO review_counters AS r (workspace_id, next) SELECT workspace_id, greatest(max(item_id) + 1, max(next)) FROM x GROUP BY workspace_id
      ON CONFLICT (workspace_id) DO UPDATE SET next = greatest(r.next, EXCLUDED.next))
    INSERT INTO review_items (workspace_id, item_id, channel_id, challenge_id, member_id, scenario_id, source, doubts, reason, words, choice, score, covered, missed, flags, lang, at, reviewed, reviewed_at)
    SELECT workspace_id, item_id, channel_id, challenge_id, member_id, scenario_id, source,
      CASE WHEN doubts IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(doubts)) END, reason, words, choice, score,
      ARRAY(SELECT jsonb_array_elements_text(covered)), ARRAY(SELECT jsonb_array_elements_text(missed)), ARRAY(SELECT jsonb_array_elements_text(flags)),
      lang, at, reviewed, reviewed_at
    FROM x WHERE EXISTS (SELECT 1 FROM channels c WHERE c.workspace_id = x.workspace_id AND c.channel_id = x.channel_id)
    ORDER BY n ON CONFLICT DO NOTHING`,
  heldWords: `INSERT INTO held_words (workspace_id, channel_id, challenge_id, member_id, words)
    SELECT workspace_id, channel_id, challenge_id, member_id, words FROM jsonb_to_recordset($1::jsonb) AS x(workspace_id text, channel_id text, challenge_id text, member_id text, words text)
    WHERE EXISTS (SELECT 1 FROM challenges c WHERE c.workspace_id = x.workspace_id AND c.channel_id = x.channel_id AND c.challenge_id = x.challenge_id)
    ON CONFLICT DO NOTHING`,
  scoreEvents: `INSERT INTO score_log (workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id, incident_id, extra, import_key)
    SELECT workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id, incident_id, extra, import_key
    FROM jsonb_to_recordset($1::jsonb)
      AS x(workspace_id text, channel_id text, member_id text, at timestamptz, delta integer, kind text, reason text, by_id text, challenge_id text, incident_id text, extra jsonb, import_key text, n bigint)
    ORDER BY n ON CONFLICT DO NOTHING`,
};

/** The report as the command prints it: one line of what was added, and one of what was already there. */
export function describeImport(report: ImportReport, from: string, to: string): string {
  const named = KINDS.filter((k) => !OPTIONAL_KINDS.has(k) || report.added[k] + report.skipped[k] > 0);
  const phrase = (c: ImportCounts) => named.map((k) => `${c[k]} ${label(k, c[k])}`).join(', ');
  const total = (c: ImportCounts) => KINDS.reduce((s, k) => s + c[k], 0);
  const installs = report.installations ?? { added: 0, skipped: 0 };
  const head = total(report.added) === 0 && installs.added === 0
    ? `Nothing new to import from ${from} into ${to}: everything in it is already there.\n`
    : `Imported from ${from} into ${to} (${report.workspaces.length} workspace${report.workspaces.length === 1 ? '' : 's'}): ${phrase(report.added)}.\n`;
  const slack = installs.added + installs.skipped > 0
    ? `Slack installations (with their bot tokens): ${installs.added} added${installs.skipped ? `, ${installs.skipped} already there or unusable, kept as they were` : ''}.\n`
    : '';
  const erased = report.forgotten
    ? `Left out: ${report.forgotten} member${report.forgotten === 1 ? '' : 's'} erased from the database since an earlier import (coach forget), with their answers and totals.\n`
    : '';
  return head + (total(report.skipped) > 0 ? `Already in the database, kept as they were: ${phrase(report.skipped)}.\n` : '') + erased + slack;
}

function label(kind: keyof ImportCounts, n: number): string {
  const one: Record<keyof ImportCounts, string> = { members: 'member', channels: 'channel', challenges: 'challenge', answers: 'answer', totals: 'running total', incidents: 'incident', walls: 'wall', scoreEvents: 'score event', reviewItems: 'review item', heldWords: 'held answer text' };
  const many: Record<keyof ImportCounts, string> = { members: 'members', channels: 'channels', challenges: 'challenges', answers: 'answers', totals: 'running totals', incidents: 'incidents', walls: 'walls', scoreEvents: 'score events', reviewItems: 'review items', heldWords: 'held answer texts' };
  return n === 1 ? one[kind] : many[kind];
}

/** Issue 14's review queue of a workspace as rows (items with a number that is not one are left out: no port ever made them). */
function queueRows(workspace: string, ws: CoachData['workspaces'][string], rows: Record<keyof ImportCounts, Record<string, unknown>[]>): void {
  const q = ws.reviewQueue;
  if (!q) return;
  const next = Number.isInteger(q.next) && q.next > 0 ? q.next : 1;
  for (const i of Array.isArray(q.items) ? q.items : []) {
    if (!/^[1-9]\d{0,8}$/.test(i.id)) continue;
    rows.reviewItems.push({
      workspace_id: workspace, item_id: Number(i.id), channel_id: i.channel, challenge_id: i.challengeId, member_id: i.user, scenario_id: i.scenarioId, source: i.source,
      doubts: i.doubts ?? null, reason: i.reason ?? null, words: i.reviewed ? null : i.words ?? null, choice: i.choice, score: i.score,
      covered: i.covered ?? [], missed: i.missed ?? [], flags: i.flags ?? [], lang: i.lang ?? null, at: i.at, reviewed: i.reviewed ?? null, reviewed_at: i.reviewed?.at ?? null, next,
    });
  }
  for (const h of Array.isArray(q.held) ? q.held : []) rows.heldWords.push({ workspace_id: workspace, channel_id: h.channel, challenge_id: h.challengeId, member_id: h.user, words: h.words });
}

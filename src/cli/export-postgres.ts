// `coach export` when DATABASE_URL is set: the same CSV as from the JSON store (export.ts), read from the
// database's score log in pages of BATCH rows by id (oldest first), so a long log is never held whole.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import pg from 'pg';
import { errorText } from '../store/index.js';
import { databaseUrlProblem, redactDatabaseUrl } from '../store/postgres/url.js';
import { cleanName } from '../text/display-name.js';
import { EXPORT_COLUMNS, csvText } from './export.js';
import type { Io } from './io.js';

const BATCH = 2000;

interface Row { id: string; workspace_id: string; channel_id: string; member_id: string; name: string | null; at: Date; delta: number; kind: string; reason: string; by_id: string; challenge_id: string | null }

/** Writes the CSV to `out` (atomically: temp file, then rename) or standard output; the exit code. */
export async function exportFromPostgres(url: string, options: { workspace?: string; out?: string }, io: Io): Promise<number> {
  const problem = databaseUrlProblem(url);
  const where = redactDatabaseUrl(url);
  if (problem) {
    io.err(`coach export: DATABASE_URL ${problem} (got ${where}).\n`);
    return 1;
  }
  const client = new pg.Client({ connectionString: url });
  const temp = options.out ? `${options.out}.tmp-${process.pid}` : null;
  let fd: number | null = null;
  try {
    await client.connect();
    // REPEATABLE READ: every page comes from the same snapshot, however many answers arrive meanwhile.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (options.workspace !== undefined) {
      const known = (await client.query<{ id: string }>('SELECT workspace_id AS id FROM members UNION SELECT workspace_id FROM channels UNION SELECT DISTINCT workspace_id FROM score_log')).rows.map((r) => r.id).sort();
      if (!known.includes(options.workspace)) {
        io.err(`coach export: no workspace "${options.workspace}" in ${where}; ${known.length ? `its workspaces: ${known.join(', ')}` : 'it has no workspace yet'}.\n`);
        return 1;
      }
    }
    if (temp !== null) fd = openSync(temp, 'w');
    const write = (text: string) => (fd !== null ? writeSync(fd, text) : io.out(text));
    write(EXPORT_COLUMNS.join(',') + '\r\n');
    let last = '0';
    let rows = 0;
    for (;;) {
      const { rows: page } = await client.query<Row>(`
        SELECT l.id, l.workspace_id, l.channel_id, l.member_id, m.name, l.at, l.delta, l.kind, l.reason, l.by_id, l.challenge_id
        FROM score_log l LEFT JOIN members m ON m.workspace_id = l.workspace_id AND m.member_id = l.member_id
        WHERE l.id > $1 AND ($2::text IS NULL OR l.workspace_id = $2) ORDER BY l.id LIMIT ${BATCH}`, [last, options.workspace ?? null]);
      if (page.length === 0) break;
      write(csvText(page.map((r) => [r.workspace_id, r.channel_id, r.member_id, cleanName(r.name ?? undefined) ?? '', r.at.toISOString(), r.delta, r.kind, r.reason, r.by_id, r.challenge_id ?? ''])));
      rows += page.length;
      last = page.at(-1)!.id;
    }
    await client.query('COMMIT');
    if (fd !== null && temp !== null && options.out) {
      closeSync(fd);
      fd = null;
      renameSync(temp, options.out);
      io.err(`${rows} score changes written to ${options.out}\n`);
    }
    return 0;
  } catch (err) {
    if (fd !== null) closeSync(fd);
    if (temp !== null) {
      try { unlinkSync(temp); } catch { /* never created */ }
    }
    io.err(`coach export: cannot read ${where}: ${errorText(err)}\n`);
    return 1;
  } finally {
    await client.end().catch(() => {});
  }
}

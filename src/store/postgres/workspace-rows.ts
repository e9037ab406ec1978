// Every row a workspace owns, deleted in the caller's transaction: `coach purge --workspace` (PgPort) and a
// restore that replaces a workspace (import-json). One list for both, read from the catalogue, so a table
// a later migration adds with a workspace_id column is emptied too without anyone remembering to list it.
import type pg from 'pg';

/** Tables of the initial schema, deleted last and in this order (others' keys may point at channels). */
const KNOWN = ['answers', 'totals', 'challenges', 'incidents', 'score_log', 'channels', 'members'];

/**
 * Deletes the rows of `workspace` from every table with a workspace_id column in the current schema, in
 * `db`'s transaction (the caller's BEGIN/COMMIT). The score log's trigger lets its deletes through only
 * for the workspace named in `coach.purge_workspace`, set for this transaction alone (migration
 * 1764500000000). Slack installations (keyed by team) and claims are the caller's to handle.
 * Rejects with the database's error; the caller rolls back.
 */
export async function deleteWorkspaceRows(db: pg.ClientBase | pg.Pool, workspace: string): Promise<void> {
  await db.query("SELECT set_config('coach.purge_workspace', $1, true)", [workspace]);
  const { rows } = await db.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attname = 'workspace_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND n.nspname = current_schema()
    ORDER BY c.relname`);
  const others = rows.map((r) => r.name).filter((name) => !KNOWN.includes(name));
  for (const table of [...others, ...KNOWN]) await db.query(`DELETE FROM "${table.replace(/"/g, '""')}" WHERE workspace_id = $1`, [workspace]);
  await db.query("SELECT set_config('coach.purge_workspace', '', true)");
}

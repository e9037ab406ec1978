// `coach restore` when DATABASE_URL is set: the data is in PostgreSQL, which the coach restores from a
// JSON data file or backup (what the JSON coach keeps in data/backups/, or its data file), replacing the
// workspaces that file holds. Backups of the database itself are PostgreSQL's own business: pg_dump and
// pg_restore (README, "Backups"); the command says so every time it runs.
import { parseArgs } from 'node:util';
import { errorText } from '../store/index.js';
import { migrate } from '../store/postgres/migrate.js';
import { describeImport, importJson, workspacesPresent } from '../store/postgres/import-json.js';
import { databaseUrlProblem, redactDatabaseUrl } from '../store/postgres/url.js';
import type { Io } from './io.js';
import { readJsonWithLog } from './migrate.js';

const USAGE = `usage (with DATABASE_URL set): coach restore --from JSON_BACKUP [--force] [--dry-run]
On PostgreSQL, restore loads a JSON data file or backup (such as data/backups/coach-2026-11-30.json, with
its score log beside it) into the database, replacing the workspaces it holds (--force is needed when the
database already has data for them). To restore a backup of the database itself, use PostgreSQL's tools:
pg_restore --clean --if-exists -d "$DATABASE_URL" coach.dump (made by pg_dump -Fc; see the README).
`;

const HOW = (where: string) =>
  `coach restore: the data is in PostgreSQL (${where}). This restores from a JSON data file or backup; a database backup made with pg_dump is restored with pg_restore (see the README, "Backups").\n`;

export async function restorePostgres(argv: string[], url: string, io: Io): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' }, empty: { type: 'boolean' }, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.err(`coach restore: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const problem = databaseUrlProblem(url);
  if (problem) {
    io.err(`coach restore: DATABASE_URL ${problem} (got ${redactDatabaseUrl(url)}).\n`);
    return 1;
  }
  const where = redactDatabaseUrl(url);
  io.err(HOW(where));
  if (values.empty) {
    io.err('coach restore --empty: not on PostgreSQL. To start from empty data, create a new empty database and point DATABASE_URL at it (the coach migrates it at start).\n');
    return 2;
  }
  if (!values.from) {
    io.err(`coach restore: --from JSON_BACKUP is needed.\n${USAGE}`);
    return 2;
  }
  const read = await readJsonWithLog('coach restore', io, values.from);
  if (!read) return 1;
  const { file, data, log } = read;
  const workspaces = Object.keys(data.workspaces).sort();
  io.out(`The backup ${file} holds ${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'} (${workspaces.join(', ') || 'none'}) and ${log.length} score event${log.length === 1 ? '' : 's'}.\n`);
  let present: string[];
  try {
    await migrate(url);
    present = await workspacesPresent(url, workspaces);
  } catch (err) {
    io.err(`coach restore: cannot use ${where}: ${errorText(err)}\n`);
    return 1;
  }
  if (present.length && !values.force) {
    io.err(`coach restore: the database already has data for ${present.join(', ')}; nothing was changed. Add --force to replace those workspaces with the backup's (their score log too), after making a pg_dump.\n`);
    return 1;
  }
  if (values['dry-run']) {
    io.out(present.length ? `Would replace the data of ${present.join(', ')} and load the backup. Nothing was changed (--dry-run).\n` : 'Would load the backup into the database. Nothing was changed (--dry-run).\n');
    return 0;
  }
  try {
    const report = await importJson(url, data, log, { replace: present.length > 0 });
    if (present.length) io.out(`Replaced the data of ${present.join(', ')}.\n`);
    io.out(describeImport(report, file, where));
    return 0;
  } catch (err) {
    io.err(`coach restore: nothing was changed: ${errorText(err)}\n`);
    return 1;
  }
}

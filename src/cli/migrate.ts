// `coach migrate`: brings the PostgreSQL database (DATABASE_URL) up to the newest schema, under the
// advisory lock every coach takes at start (store/postgres/migrate.ts), and says what it applied.
// `coach migrate --from FILE` then imports a JSON data file and its score log (store/postgres/import-json.ts).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { acquireLock, dataFileFromEnv, errorText, forEachLogEntry, scoreLogFile, shortLogProblem, type CoachData, type LogEntry } from '../store/index.js';
import { describeImport, importJson } from '../store/postgres/import-json.js';
import { readDataFileForCli } from './data-file.js';
import { migrate } from '../store/postgres/migrate.js';
import { redactDatabaseUrl } from '../store/postgres/url.js';
import { wantsHelp } from './args.js';
import type { Io } from './io.js';

const USAGE = `usage: coach migrate [--from DATA_FILE]
Applies the database migrations to DATABASE_URL (postgres://…), waiting for any other coach migrating it.
--from imports a JSON data file (such as data/coach.json) and its score log into the database; run again,
it imports nothing new.
`;

export async function migrateCommand(argv: string[], io: Io): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(USAGE);
    return 0;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' } } }));
  } catch (err) {
    io.err(`coach migrate: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(`coach migrate: the configuration is invalid.\n${config.errors.map((e) => `  ${e}\n`).join('')}`);
    return 1;
  }
  const url = config.config.databaseUrl;
  if (!url) {
    io.err('coach migrate: DATABASE_URL is not set; it names the PostgreSQL database to migrate, such as postgres://coach:PASSWORD@db.example.org:5432/coach.\n');
    return 1;
  }
  const where = redactDatabaseUrl(url);
  let result;
  try {
    result = await migrate(url);
  } catch (err) {
    io.err(`coach migrate: could not migrate ${where}: ${errorText(err)}\n`);
    return 1;
  }
  io.out(result.applied.length
    ? `Applied ${result.applied.length} migration${result.applied.length === 1 ? '' : 's'} to ${where}: ${result.applied.join(', ')}.\n`
    : `${where} is up to date (${result.current.length} migration${result.current.length === 1 ? '' : 's'} applied, the newest ${result.current.at(-1) ?? 'none'}).\n`);
  if (values.from === undefined) return 0;
  return importCommand(values.from, url, io);
}

/**
 * A JSON data file (or a backup of one) with its confirmed score log, oldest first, and the events a file
 * from before the score log still holds in its document; null once the reason it cannot be used has been
 * printed, prefixed by `command`.
 */
export async function readJsonWithLog(command: string, io: Io, fileArg: string): Promise<{ file: string; data: CoachData; log: LogEntry[] } | null> {
  const read = await readDataFileForCli(command, io, fileArg);
  if (!read) return null;
  const { file, data } = read;
  const log: LogEntry[] = [];
  const logFile = scoreLogFile(file);
  try {
    const lines = data.logEntries === 0 ? 0 : await forEachLogEntry(logFile, { maxLines: data.logEntries }, (entry) => void log.push(entry));
    if (lines < data.logEntries) throw new Error(`the score log ${logFile} ${shortLogProblem(lines, data.logEntries, file)}. Nothing was imported.`);
  } catch (err) {
    io.err(`${command}: ${errorText(err)}\n`);
    return null;
  }
  for (const [workspace, ws] of Object.entries(data.workspaces)) for (const e of ws.scoreLog) log.push({ workspace, ...e });
  return { file, data, log };
}

/** `--from FILE`: the data file and its confirmed score log, imported (see store/postgres/import-json.ts). */
async function importCommand(fileArg: string, url: string, io: Io): Promise<number> {
  // A JSON coach still running on the file would go on recording answers the import never sees: the
  // import holds the file's lock (as every store does), so it refuses while a coach has it open.
  // A lock that cannot even be written (a missing or read-only folder) means no coach runs there either.
  const lockedFile = dataFileFromEnv(io.env, fileArg);
  const lock = await acquireLock(lockedFile).catch(() => ({ ok: true as const, release: async () => undefined }));
  if (!lock.ok) {
    io.err(`coach migrate --from: the data file ${lockedFile} ${lock.reason}. Nothing was imported.\n`);
    return 1;
  }
  try {
    const read = await readJsonWithLog('coach migrate --from', io, fileArg);
    if (!read) return 1;
    const { file, data, log } = read;
    try {
      const report = await importJson(url, data, log);
      io.out(describeImport(report, file, redactDatabaseUrl(url)));
      return 0;
    } catch (err) {
      io.err(`coach migrate --from: nothing was imported from ${file}: ${errorText(err)}\n`);
      return 1;
    }
  } finally {
    await lock.release();
  }
}

// `coach restore --from BACKUP | --empty [--file DATA_FILE] [--force] [--dry-run]`: recovery when the data
// file cannot be used (the message the coach prints at start names the exact command).
//
// What it will and will not do:
// - A data file that is readable and whose score log is complete is healthy: restore refuses to replace
//   it unless --force (then it is kept as `<file>.replaced-<time>`).
// - Before anything moves it says what the backup holds (workspaces, members, challenges, score events,
//   when it was taken) and what will happen to the score log; --dry-run stops there.
// - The score log is the history of every confirmed score change. When it is intact (every line a score
//   event) and continues the backup's (its first lines are the backup's copy), it stays where it is and
//   the changes made after the backup are replayed into the restored totals (domain/replay.ts): no
//   confirmed point is lost. Only a damaged log, or one that does not continue the backup, is kept aside
//   as `<log>.broken-<time>` and replaced by the backup's copy.
// - The current files are never deleted: a damaged data file is kept as `<file>.broken-<time>`. Everything
//   is checked, under the data file's lock, before anything moves, and installed atomically (temp file,
//   fsync, rename): the score log first, then the data file that counts its lines.
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replayScoreEvents, type ReplaySummary } from '../domain/replay.js';
import { isValidTimeZone } from '../domain/time.js';
import {
  DataFileError,
  acquireLock,
  checkBackup,
  checkDataFile,
  copyFileDurably,
  dataFileFromEnv,
  emptyData,
  emptyWorkspace,
  errorCode,
  errorText,
  forEachLogEntry,
  listBackups,
  scoreLogFile,
  shortLogProblem,
  stamp,
  syncDir,
  syncFile,
  unlinkIfExists,
  writeFileDurably,
  type CoachData,
  type LogEntry,
} from '../store/index.js';
import { dataFromText } from '../store/migrations.js';
import { scanLog, truncateLog } from '../store/score-log.js';
import { restorePostgres } from './restore-postgres.js';

export interface RestoreIo {
  out(s: string): void;
  err(s: string): void;
  env: Record<string, string | undefined>;
}

const USAGE = `usage: coach restore --from BACKUP [--file DATA_FILE] [--force] [--dry-run]
           install a backup; the score changes made after it are replayed from the score log
       coach restore --empty [--file DATA_FILE] [--force] [--dry-run]
           start from empty data; the points are rebuilt from the score log when it is intact
The data file is COACH_DATA_FILE (default ./data/coach.json) unless --file is given; its score log is
beside it (coach.scores.jsonl). A readable data file with a complete score log is replaced only with
--force. --dry-run says what would be done and changes nothing. Nothing is deleted: a damaged data file
is kept as <name>.broken-<time>, a replaced healthy one as <name>.replaced-<time>; an intact score log
stays where it is. Stop the coach first.
`;

export async function restore(argv: string[], io: RestoreIo): Promise<number> {
  // With DATABASE_URL (and no --file naming a JSON data file), the data is in PostgreSQL.
  const databaseUrl = io.env.DATABASE_URL?.trim();
  if (databaseUrl && !argv.some((a) => a === '--file' || a.startsWith('--file='))) return restorePostgres(argv, databaseUrl, io);
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        from: { type: 'string' }, empty: { type: 'boolean' }, file: { type: 'string' }, force: { type: 'boolean' },
        'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`coach restore: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const file = dataFileFromEnv(io.env, values.file);
  if ((values.from === undefined) === (values.empty !== true)) {
    io.err(`coach restore: give either --from BACKUP or --empty.\n${USAGE}${await backupList(file)}`);
    return 2;
  }
  if (values.from !== undefined && resolve(values.from) === file) {
    io.err(`coach restore: the backup and the data file are the same file (${file}).\n${USAGE}`);
    return 2;
  }
  const options: Options = { force: values.force === true, dryRun: values['dry-run'] === true, timeZone: defaultTimeZone(io.env) };
  try {
    if (values.from === undefined && !(await exists(file)) && !(await exists(scoreLogFile(file)))) {
      io.out(`There is no data file at ${file}: nothing to move. The coach will create it, empty, when it starts.\n`);
      return 0;
    }
    await mkdir(dirname(file), { recursive: true });
    return await withLock(file, io, () => restoreInto(file, values.from === undefined ? null : resolve(values.from), io, options));
  } catch (err) {
    io.err(`coach restore: failed: ${errorText(err)}\n`);
    return 1;
  }
}

interface Options {
  force: boolean;
  dryRun: boolean;
  /** COACH_TIMEZONE (or America/Toronto): the day of a replayed award in a channel without its own schedule. */
  timeZone: string;
}

function defaultTimeZone(env: Record<string, string | undefined>): string {
  const zone = env.COACH_TIMEZONE?.trim();
  return zone && isValidTimeZone(zone) ? zone : 'America/Toronto';
}

/** The data file as found: missing, healthy (the coach would open it), or damaged (why). */
type Current = { kind: 'missing' } | { kind: 'healthy'; data: CoachData } | { kind: 'damaged'; why: string };

async function currentState(file: string): Promise<Current> {
  let data: CoachData;
  try {
    ({ data } = await checkDataFile(file));
  } catch (err) {
    if (err instanceof DataFileError) return err.problem === 'unreadable' && err.description === 'does not exist' ? { kind: 'missing' } : { kind: 'damaged', why: err.description };
    throw err;
  }
  const scan = await scanLog(scoreLogFile(file), data.logEntries);
  if (scan.offsetOfExpected === null) return { kind: 'damaged', why: `is readable, but its score log ${shortLogProblem(scan.exists ? scan.lines : null, data.logEntries, 'it')}` };
  return { kind: 'healthy', data };
}

/**
 * What happens to the current score log: kept (intact, and continuing the backup's history, `baseLines`
 * lines long), with the entries after those and a torn last line to cut; or set aside (why; null: there
 * is no log).
 */
type LogPlan =
  | { keep: true; lines: number; validBytes: number; tornBytes: number; after: LogEntry[] }
  | { keep: false; why: string | null };

async function planLog(log: string, baseLog: string | null, baseLines: number): Promise<LogPlan> {
  const scan = await scanLog(log, baseLines);
  if (!scan.exists) return { keep: false, why: null };
  if (scan.offsetOfExpected === null) return { keep: false, why: `holds ${scan.lines} score event${plural(scan.lines)}, fewer than the ${baseLines} the backup counts: it does not continue the backup` };
  if (baseLines > 0) {
    const base = await scanLog(baseLog!, baseLines);
    if (base.offsetOfExpected !== scan.offsetOfExpected || (await digest(baseLog!, base.offsetOfExpected!)) !== (await digest(log, scan.offsetOfExpected))) {
      return { keep: false, why: `does not start with the backup's ${baseLines} score event${plural(baseLines)}: it is another history` };
    }
  }
  const after: LogEntry[] = [];
  let index = 0;
  try {
    await forEachLogEntry(log, { bytes: scan.size - scan.tornBytes }, (entry) => {
      index += 1;
      if (index > baseLines) after.push(entry);
    });
  } catch (err) {
    return { keep: false, why: `is damaged: ${errorText(err)}` };
  }
  return { keep: true, lines: scan.lines, validBytes: scan.size - scan.tornBytes, tornBytes: scan.tornBytes, after };
}

async function digest(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  if (bytes > 0) for await (const chunk of createReadStream(path, { end: bytes - 1 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** `coach restore` under the lock: `backup` null for --empty. */
async function restoreInto(file: string, backup: string | null, io: RestoreIo, options: Options): Promise<number> {
  const current = await currentState(file);
  const what = current.kind === 'healthy' ? describe(current.data) : '';
  if (current.kind === 'healthy' && !options.force) {
    io.err(
      `coach restore: the data file ${file} is readable and its score log complete (${what}): there is nothing to repair, so nothing was changed.\n` +
        `To replace it anyway, add --force (it is then kept as ${file}.replaced-<time>).\n`,
    );
    return 1;
  }
  // The data to install: the backup (checked, both files), or empty data.
  let data: CoachData;
  let text: string | null;
  let baseLog: string | null = null;
  if (backup !== null) {
    let checked;
    try {
      checked = await checkBackup(backup);
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      const which = err.file === backup ? `the backup ${backup}` : `the backup's score log ${err.file}`;
      io.err(`coach restore: ${which} ${err.description}. Nothing was changed.\n${await backupList(file)}`);
      return 1;
    }
    data = checked.data;
    text = checked.text;
    baseLog = scoreLogFile(backup);
    io.out(`Backup ${backup}, taken ${when((await stat(backup)).mtime)}: ${describe(data)}.\n`);
  } else {
    data = emptyData();
    text = null;
  }
  if (current.kind === 'damaged') io.out(`The data file ${file} ${current.why}.\n`);
  if (current.kind === 'healthy') io.out(`The data file ${file} is healthy (${what}); --force: it will be replaced.\n`);

  const log = scoreLogFile(file);
  const baseLines = data.logEntries;
  // A backup from before the score log holds its events itself: the coach moves them to a new log at open.
  const holdsEvents = Object.values(data.workspaces).some((ws) => ws.scoreLog.length > 0);
  const plan: LogPlan = holdsEvents ? { keep: false, why: 'cannot continue a backup from before the score log (its events are in the backup itself)' } : await planLog(log, baseLog, baseLines);
  let replayed: ReplaySummary | null = null;
  if (plan.keep) {
    replayed = replay(data, plan.after, options.timeZone);
    data.logEntries = plan.lines;
    const kept = `The score log ${log} is intact (${count(plan.lines, 'score event')}) and stays;`;
    io.out(plan.after.length > 0 ? `${kept} the ${count(plan.after.length, 'score change')} made after ${backup ? 'the backup' : 'the data was lost'} will be replayed into the totals.\n` : `${kept} nothing was recorded after the backup.\n`);
  } else if (plan.why !== null) {
    io.out(`The score log ${log} ${plan.why}: it will be kept aside${backup ? " and the backup's copy installed" : ''}.\n`);
  }
  if (options.dryRun) {
    io.out('Dry run: nothing was changed. Run the same command without --dry-run to restore.\n');
    return 0;
  }

  const time = stamp(new Date());
  const aside = current.kind === 'missing' ? null : await keepAside(file, backup === null && !plan.keep ? 'rename' : 'link', time, current.kind === 'healthy' ? 'replaced' : 'broken');
  let logAside: string | null = null;
  let installed = false;
  // The score log first: the data file written after it counts at most the lines it holds.
  if (plan.keep) {
    if (plan.tornBytes > 0) await truncateLog(log, plan.validBytes);
  } else {
    logAside = await keepAside(log, backup === null ? 'rename' : 'link', time, 'broken');
    if (backup !== null) installed = await installLog(baseLog!, log, backup, baseLines);
  }
  if (backup !== null || plan.keep) {
    const changed = plan.keep && (plan.after.length > 0 || plan.lines !== baseLines);
    const body = text !== null && !changed ? text : JSON.stringify(data);
    dataFromText(body, file); // what is written is a data file the coach opens
    await writeFileDurably(file, body);
  }

  if (aside) io.out(backup === null && !plan.keep ? `Moved the data file ${file} to ${aside}.\n` : `Kept the previous data file as ${aside}.\n`);
  if (logAside) io.out(`${backup === null ? `Moved the score log ${log} to` : 'Kept the previous score log as'} ${logAside}.\n`);
  if (installed) io.out(`Restored the backup's score log ${baseLog} as ${log}.\n`);
  if (plan.keep && plan.tornBytes > 0) io.out(`Cut a last line left half-written in the score log (${plan.tornBytes} bytes).\n`);
  if (backup === null && !plan.keep) {
    io.out(`The coach will start with empty data (a new ${file}).\n`);
    return 0;
  }
  const replayedLine = replayed && replayed.events > 0
    ? `, ${replayed.events} of them replayed from the score log (${signed(replayed.points)} for ${count(replayed.members, 'member')})`
    : '';
  io.out(backup !== null ? `Restored ${backup} as ${file}: ${describe(data)}${replayedLine}.\n` : `Rebuilt ${file} from its score log: ${describe(data)}${replayedLine}.\n`);
  if (replayed && replayed.rebuiltChallenges.length > 0) {
    const ids = replayed.rebuiltChallenges;
    io.out(`Rebuilt from the score log: ${count(ids.length, 'challenge')} answered after ${backup ? 'the backup was taken' : 'the data was lost'} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}), with ${count(replayed.answersMarked, 'answer')}; ${ids.length === 1 ? 'its' : "the last one's"} debrief comes with the next post or /coach reveal.\n`);
  } else if (replayed && replayed.answersMarked > 0) {
    io.out(`${count(replayed.answersMarked, 'answer')} made after the backup ${replayed.answersMarked === 1 ? 'is' : 'are'} marked on ${replayed.answersMarked === 1 ? 'its challenge' : 'their challenges'}, so nobody answers twice.\n`);
  }
  io.out(`${backup ? 'Other changes made after the backup was taken (settings, schedules, names, languages) are not in it. ' : ''}Start the coach again.\n`);
  return 0;
}

/** Replays `after` into `data`, workspace by workspace; the summaries added up. */
function replay(data: CoachData, after: LogEntry[], timeZone: string): ReplaySummary {
  const total: ReplaySummary = { events: 0, points: 0, members: 0, answersMarked: 0, rebuiltChallenges: [] };
  const byWorkspace = new Map<string, LogEntry[]>();
  for (const entry of after) {
    let list = byWorkspace.get(entry.workspace);
    if (!list) byWorkspace.set(entry.workspace, (list = []));
    list.push(entry);
  }
  for (const [workspace, entries] of byWorkspace) {
    const ws = Object.hasOwn(data.workspaces, workspace) ? data.workspaces[workspace]! : (data.workspaces[workspace] = emptyWorkspace());
    const events = entries.map(({ workspace: _w, ...event }) => event);
    const one = replayScoreEvents(ws, events, (channel) => ws.channels[channel]?.schedule?.timezone ?? timeZone);
    total.events += one.events;
    total.points += one.points;
    total.members += one.members;
    total.answersMarked += one.answersMarked;
    total.rebuiltChallenges.push(...one.rebuiltChallenges.map((c) => (byWorkspace.size > 1 ? `${workspace}/${c}` : c)));
  }
  return total;
}

/** "1 workspace, 3 members, 2 challenges, 25 score events". */
function describe(data: CoachData): string {
  const workspaces = Object.values(data.workspaces);
  const members = new Set(workspaces.flatMap((ws, i) => [...Object.keys(ws.members), ...Object.values(ws.channels).flatMap((c) => Object.keys(c.totals))].map((m) => `${i}\u0000${m}`))).size;
  const challenges = workspaces.reduce((n, ws) => n + Object.values(ws.channels).reduce((m, c) => m + c.challenges.length, 0), 0);
  const events = data.logEntries + workspaces.reduce((n, ws) => n + ws.scoreLog.length, 0);
  return [count(workspaces.length, 'workspace'), count(members, 'member'), count(challenges, 'challenge'), count(events, 'score event')].join(', ');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function signed(points: number): string {
  return `${points > 0 ? '+' : ''}${points} point${Math.abs(points) === 1 ? '' : 's'}`;
}

/** "2026-12-01 16:05 UTC". */
function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Installs the backup's score log copy (checked by checkBackup: it holds the `expected` lines its data
 * file counts) as the score log, or removes the current log (already kept aside) when the backup has none:
 * a backup from before the score log, whose events are still in its data file. Returns whether a copy was
 * installed.
 */
async function installLog(from: string, to: string, backup: string, expected: number): Promise<boolean> {
  if (await copyFileDurably(from, to)) return true;
  if (expected > 0) throw new Error(`the backup's score log ${from} ${shortLogProblem(null, expected, backup)} (it was there a moment ago)`);
  await unlinkIfExists(to);
  await syncDir(dirname(to));
  return false;
}

async function withLock(file: string, io: RestoreIo, fn: () => Promise<number>): Promise<number> {
  const lock = await acquireLock(file);
  if (!lock.ok) {
    io.err(`coach restore: the data file ${file} ${lock.reason}. Nothing was changed.\n`);
    return 1;
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/**
 * Keeps the current file as `<file>.<label>-<time>` (`broken` for a damaged file, `replaced` for a healthy
 * one replaced with --force). 'link' adds that name and leaves the file in place
 * (the caller then replaces it atomically, so there is never a moment without a data file); 'rename'
 * moves it. Returns the new name, or null when there was no file.
 */
async function keepAside(file: string, how: 'link' | 'rename', time: string, label: 'broken' | 'replaced'): Promise<string | null> {
  if (!(await exists(file))) return null;
  const aside = `${file}.${label}-${time}`;
  if (how === 'rename') {
    await rename(file, aside);
  } else {
    try {
      await link(file, aside);
    } catch (err) {
      // No hard links on this file system: a durable copy instead.
      if (errorCode(err) === 'EEXIST') throw err;
      await copyFile(file, aside, constants.COPYFILE_EXCL);
      await syncFile(aside);
    }
  }
  await syncDir(dirname(file));
  return aside;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false;
    throw err;
  }
}

async function backupList(file: string): Promise<string> {
  const backups = await listBackups(file).catch(() => []);
  if (backups.length === 0) return `No backups found for ${file}.\n`;
  const lines = [`Backups of ${file}, newest first:`];
  for (const b of backups) {
    let state = 'good';
    try {
      await checkBackup(b.path);
    } catch (err) {
      state = err instanceof DataFileError ? `damaged: ${err.file === b.path ? '' : `its score log ${err.file} `}${err.description}` : `damaged: ${errorText(err)}`;
    }
    lines.push(`  ${b.path}  (${state})`);
  }
  return lines.join('\n') + '\n';
}
